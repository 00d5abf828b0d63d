import { DEMO } from '@portal/stripe-emulator';
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freshPostgresSchema, testApp, TOKEN_SECRET } from './harness';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 90_000 });

// #15 item 6: `{sub: X, customer_id: A}` linked X to A for good; later tokens without the claim
// (or with null) still opened A, also through the other instance's memory of claims.
let schema: Awaited<ReturnType<typeof freshPostgresSchema>> | undefined;
let a: FastifyInstance;
let b: FastifyInstance;

beforeAll(async () => {
  schema = await freshPostgresSchema('t_unlink_');
  ({ app: a } = await testApp({ DATABASE_URL: schema.url }));
  ({ app: b } = await testApp({ DATABASE_URL: schema.url }));
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await schema?.drop();
});

let n = 0;
function token(claims: Record<string, unknown>) {
  // A distinct `jti` per token: a host app mints a fresh one for each page load.
  return new SignJWT({ email: 'x@example.com', jti: `t${++n}`, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('host-user-x')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(TOKEN_SECRET));
}
async function customerSeen(app: FastifyInstance, bearer: string): Promise<string | null> {
  const res = await app.inject({
    method: 'GET',
    url: '/trpc/billing.overview',
    headers: { authorization: `Bearer ${bearer}` },
  });
  if (res.statusCode === 404) return null;
  expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
  return res.json().result.data.customer.id as string;
}

describe('the customer link follows the host token, on every instance', () => {
  it('absent claim: a user whose token no longer names a customer sees none, on both instances', async () => {
    const linked = await token({ customer_id: DEMO.customers.active });
    expect(await customerSeen(a, linked)).toBe(DEMO.customers.active);
    expect(await customerSeen(b, linked)).toBe(DEMO.customers.active);

    const unlinked = await token({});
    expect(await customerSeen(a, unlinked)).toBeNull();
    // Instance B remembered the link and the old claims: neither may keep A alive.
    expect(await customerSeen(b, unlinked)).toBeNull();
  });

  it('null claim: unlinks, and the other instance agrees at once', async () => {
    expect(await customerSeen(b, await token({ customer_id: DEMO.customers.active }))).toBe(DEMO.customers.active);
    expect(await customerSeen(a, await token({ customer_id: DEMO.customers.active }))).toBe(DEMO.customers.active);
    expect(await customerSeen(b, await token({ customer_id: null }))).toBeNull();
    expect(await customerSeen(a, await token({ customer_id: null }))).toBeNull();
  });

  it('a new value moves the link; the other instance follows', async () => {
    expect(await customerSeen(a, await token({ customer_id: DEMO.customers.active }))).toBe(DEMO.customers.active);
    expect(await customerSeen(b, await token({ customer_id: DEMO.customers.trialing }))).toBe(DEMO.customers.trialing);
    expect(await customerSeen(a, await token({ customer_id: DEMO.customers.trialing }))).toBe(DEMO.customers.trialing);
  });

  it('a malformed customer_id refuses the token instead of guessing', async () => {
    for (const bad of ['acct_123', 42, { id: DEMO.customers.active }, '']) {
      const res = await a.inject({
        method: 'GET',
        url: '/trpc/billing.overview',
        headers: { authorization: `Bearer ${await token({ customer_id: bad })}` },
      });
      expect(res.statusCode, JSON.stringify(bad)).toBe(401);
    }
  });

  it('refuses a token whose stored claims are oversized', async () => {
    const res = await a.inject({
      method: 'GET',
      url: '/trpc/session.me',
      headers: { authorization: `Bearer ${await token({ email: `${'x'.repeat(400)}@example.com` })}` },
    });
    expect(res.json().result.data).toBeNull();
  });
});
