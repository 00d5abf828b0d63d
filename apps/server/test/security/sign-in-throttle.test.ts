import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseEnv } from '../../src/env';
import { cookieFrom, testApp } from '../harness';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

// #15 item 7: password guessing was limited per IP only, and any private-network peer could pick
// its IP (X-Forwarded-For) and the host the CSRF check compares with (X-Forwarded-Host).
let app: FastifyInstance;
beforeAll(async () => {
  ({ app } = await testApp());
});
afterAll(() => app.close());

let peer = 0;
const login = (email: string, password: string, remoteAddress = `203.0.113.${++peer % 250}`) =>
  app.inject({ method: 'POST', url: '/auth/demo/login', payload: { email, password }, remoteAddress });

describe('per-account sign-in limit', () => {
  it('slows repeated failures more and more, then refuses the account for a while from any address', async () => {
    const took: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      const res = await login('alan@example.com', `guess-${i}`);
      took.push(Date.now() - started);
      expect(res.statusCode, `attempt ${i + 1}`).toBe(401);
    }
    console.info(`[sign-in] failure answer times (ms): ${took.join(', ')}`);
    expect(took[4]!).toBeGreaterThan(took[0]! + 1000);
    expect(took[3]!).toBeGreaterThan(took[1]!);

    // Even the right password, from yet another address, is refused while the account is locked.
    const locked = await login('alan@example.com', 'demo');
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ success: false, error: { code: 'TOO_MANY_SIGN_IN_ATTEMPTS' } });
    expect(locked.json().error.message).toMatch(/Too many failed sign-in attempts/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(locked.headers['set-cookie']).toBeUndefined();

    // Other accounts are not affected.
    expect((await login('grace@example.com', 'demo')).statusCode).toBe(200);
  });

  it('a success resets the count', async () => {
    for (let i = 0; i < 3; i++) expect((await login('katherine@example.com', 'nope')).statusCode).toBe(401);
    expect((await login('katherine@example.com', 'demo')).statusCode).toBe(200);
    const started = Date.now();
    expect((await login('katherine@example.com', 'nope')).statusCode).toBe(401);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('proxies are trusted only when named', () => {
  it('defaults to trusting loopback only', () => {
    expect(parseEnv({}).TRUST_PROXY).toBe('loopback');
  });

  it('a private-network peer cannot pick its own address in X-Forwarded-For by default', async () => {
    const { app: limited } = await testApp({ RATE_LIMIT_PER_IP: '3' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        codes.push(
          (
            await limited.inject({
              method: 'GET',
              url: '/trpc/session.me',
              remoteAddress: '10.0.0.2',
              headers: { 'x-forwarded-for': `198.51.100.${i}` },
            })
          ).statusCode,
        );
      }
      expect(codes).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('an untrusted peer cannot make a foreign origin look same-origin with X-Forwarded-Host', async () => {
    const signedIn = await app.inject({
      method: 'POST',
      url: '/auth/demo/login',
      payload: { email: 'margaret@example.com', password: 'demo' },
    });
    const cookie = cookieFrom(signedIn.headers['set-cookie']);
    const res = await app.inject({
      method: 'POST',
      url: '/auth/logout',
      remoteAddress: '10.0.0.2',
      headers: { cookie, origin: 'http://evil.example', 'x-forwarded-host': 'evil.example', host: 'billing.internal' },
    });
    expect(res.statusCode).toBe(403);
  });

  it('with PUBLIC_URL set, only that origin passes, whatever the Host header says', async () => {
    const { app: pub } = await testApp({ PUBLIC_URL: 'https://billing.example.com' });
    try {
      const signedIn = await pub.inject({
        method: 'POST',
        url: '/auth/demo/login',
        payload: { email: 'margaret@example.com', password: 'demo' },
        headers: { origin: 'https://billing.example.com' },
      });
      const cookie = cookieFrom(signedIn.headers['set-cookie']);
      const forged = await pub.inject({
        method: 'POST',
        url: '/auth/logout',
        headers: { cookie, origin: 'http://evil.example', host: 'evil.example' },
      });
      expect(forged.statusCode).toBe(403);
      const own = await pub.inject({
        method: 'POST',
        url: '/auth/logout',
        headers: { cookie, origin: 'https://billing.example.com', host: 'internal:3000' },
      });
      expect(own.statusCode).toBe(200);
    } finally {
      await pub.close();
    }
  });

  it('a named proxy is trusted for X-Forwarded-For', async () => {
    const { app: limited } = await testApp({ RATE_LIMIT_PER_IP: '3', TRUST_PROXY: '10.0.0.2' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        codes.push(
          (
            await limited.inject({
              method: 'GET',
              url: '/trpc/session.me',
              remoteAddress: '10.0.0.2',
              headers: { 'x-forwarded-for': `198.51.100.${i}` },
            })
          ).statusCode,
        );
      }
      expect(codes).toEqual([200, 200, 200, 200, 200]);
    } finally {
      await limited.close();
    }
  });
});
