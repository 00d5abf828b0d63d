import { randomInt, randomUUID } from 'node:crypto';
import { DEMO } from '@portal/stripe-emulator';
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, TOKEN_SECRET } from '../harness';

/**
 * With REDIS_URL, two instances behind one load balancer count into the same Redis: a client
 * cannot double its allowance by landing on both. (Redis runs at 127.0.0.1:6379 on this machine
 * and in CI.) Addresses and users are fresh per run, so runs sharing the Redis never meet.
 */
const REDIS_URL = 'redis://127.0.0.1:6379';

const bearer = (sub: string) =>
  new SignJWT({ email: `${sub}@example.com`, customer_id: DEMO.customers.active })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(TOKEN_SECRET))
    .then((t) => `Bearer ${t}`);

const freshAddress = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

let first: FastifyInstance;
let second: FastifyInstance;
beforeAll(async () => {
  const env = { REDIS_URL, RATE_LIMIT_PER_IP: '4', RATE_LIMIT_PER_USER: '3' };
  ({ app: first } = await testApp(env));
  ({ app: second } = await testApp(env));
});
afterAll(() => Promise.all([first?.close(), second?.close()]));

describe('rate limits shared through Redis', () => {
  it('hold per address across two instances', async () => {
    const remoteAddress = freshAddress();
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const app = i % 2 === 0 ? first : second;
      codes.push((await app.inject({ method: 'GET', url: '/trpc/session.me', remoteAddress })).statusCode);
    }
    expect(codes).toEqual([200, 200, 200, 200, 429, 429]);
    const refused = await second.inject({ method: 'GET', url: '/trpc/session.me', remoteAddress });
    expect(refused.json()).toEqual({
      success: false,
      error: { code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/Too many requests from this address/) },
    });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another address still gets through on either instance.
    expect(
      (await first.inject({ method: 'GET', url: '/trpc/session.me', remoteAddress: freshAddress() })).statusCode,
    ).toBe(200);
  });

  it('hold per user across two instances and many addresses', async () => {
    const authorization = await bearer(`busy-${randomUUID()}`);
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const app = i % 2 === 0 ? first : second;
      codes.push(
        (
          await app.inject({
            method: 'GET',
            url: '/trpc/session.me',
            headers: { authorization },
            remoteAddress: freshAddress(),
          })
        ).statusCode,
      );
    }
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    const other = await bearer(`calm-${randomUUID()}`);
    expect(
      (
        await second.inject({
          method: 'GET',
          url: '/trpc/session.me',
          headers: { authorization: other },
          remoteAddress: freshAddress(),
        })
      ).statusCode,
    ).toBe(200);
  });
});
