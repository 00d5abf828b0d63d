import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEmulator } from '@portal/stripe-emulator';
import { DEMO } from '@portal/stripe-emulator';
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app';
import { parseEnv } from '../../src/env';
import { contentSecurityPolicy } from '../../src/plugins/app/security';
import { cookieFrom, testApp, TOKEN_SECRET } from '../harness';

const bearer = (sub: string, customerId?: string) =>
  new SignJWT({ email: `${sub}@example.com`, ...(customerId ? { customer_id: customerId } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(sub)
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(TOKEN_SECRET))
    .then((t) => `Bearer ${t}`);

const login = (app: FastifyInstance, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: '/auth/demo/login',
    payload: { email: 'ada@example.com', password: 'demo' },
    headers,
  });

let app: FastifyInstance;
let cookie: string;
beforeAll(async () => {
  ({ app } = await testApp());
  const res = await login(app);
  expect(res.statusCode).toBe(200);
  cookie = cookieFrom(res.headers['set-cookie']);
});
afterAll(() => app.close());

describe('security headers', () => {
  it("on data: a customer's billing data is never cached, framed, sniffed or run", async () => {
    for (const url of ['/healthz', '/trpc/billing.overview']) {
      const res = await app.inject({ method: 'GET', url, headers: { cookie } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-store');
      expect(res.headers['content-security-policy'], url).toBe("default-src 'none'; frame-ancestors 'none'");
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['cross-origin-resource-policy'], url).toBe('same-origin');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      // Plain-http test server: no HSTS.
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it("on pages: helmet's headers and a CSP without inline scripts that still allows Stripe.js", async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'spa-headers-'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Billing</title>');
    const { app: withSpa } = await testApp({ WEB_DIST_DIR: dist });
    try {
      for (const url of ['/', '/billing/plan']) {
        const res = await withSpa.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
        expect(res.statusCode, url).toBe(200);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
        const csp = String(res.headers['content-security-policy']);
        const script = /script-src ([^;]+)/.exec(csp)?.[1] ?? '';
        expect(script).toContain('https://js.stripe.com');
        expect(script).not.toMatch(/unsafe-inline|unsafe-eval/);
        expect(csp).toMatch(/frame-src [^;]*https:\/\/hooks\.stripe\.com/);
        expect(csp).toContain("object-src 'none'");
        // Plain-http test server: no HSTS, no upgrade of the emulator's http URLs.
        expect(res.headers['strict-transport-security']).toBeUndefined();
        expect(csp).not.toContain('upgrade-insecure-requests');
      }
    } finally {
      await withSpa.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it('in embedded mode allows the emulator origin for its Stripe.js stand-in and its /_stripejs API', () => {
    const { directives } = contentSecurityPolicy('http://127.0.0.1:41234', false);
    expect(directives.scriptSrc).toContain('http://127.0.0.1:41234');
    expect(directives.connectSrc).toContain('http://127.0.0.1:41234');
    expect(directives.scriptSrc).not.toContain("'unsafe-inline'");
  });
});

describe('cookies', () => {
  it('are HttpOnly and SameSite=Lax, and Secure once PUBLIC_URL is https', async () => {
    const local = String((await login(app)).headers['set-cookie']);
    expect(local).toMatch(/HttpOnly/);
    expect(local).toMatch(/SameSite=Lax/);
    expect(local).not.toMatch(/Secure/);
    const { app: https } = await testApp({ PUBLIC_URL: 'https://billing.example.com' });
    try {
      const res = await login(https, { origin: 'https://billing.example.com' });
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
      expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
    } finally {
      await https.close();
    }
  });
});

describe('CSRF: state-changing requests riding on the session cookie', () => {
  const update = (headers: Record<string, string>) =>
    app.inject({
      method: 'POST',
      url: '/trpc/billing.customer.update',
      headers: { 'content-type': 'application/json', ...headers },
      payload: { idempotencyKey: randomUUID(), name: 'Pwned' },
    });

  it('refuses a foreign Origin or a cross-site Sec-Fetch-Site with 403, changing nothing', async () => {
    for (const headers of [
      { origin: 'https://evil.com' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ] as Array<Record<string, string>>) {
      const res = await update({ cookie, ...headers });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({
        success: false,
        error: { code: 'FORBIDDEN', message: 'Cross-site request refused.' },
      });
    }
    const details = await app.inject({ method: 'GET', url: '/trpc/billing.customer.get', headers: { cookie } });
    expect(details.json().result.data.name).not.toBe('Pwned');
  });

  it('refuses a cross-site login (login CSRF)', async () => {
    expect((await login(app, { origin: 'https://evil.com' })).statusCode).toBe(403);
  });

  it('lets the same origin through, and Bearer requests from any origin (not CSRF-prone)', async () => {
    const fetchSite = await update({ cookie, 'sec-fetch-site': 'same-origin' });
    expect(fetchSite.statusCode).toBe(200);
    // Last: sign-out revokes the session this file's other requests use.
    const same = await app.inject({
      method: 'POST',
      url: '/auth/logout',
      headers: { cookie, origin: 'http://localhost:80', host: 'localhost:80' },
    });
    expect(same.statusCode).not.toBe(403);
    const token = await bearer('csrf-bearer', DEMO.customers.active);
    const res = await app.inject({
      method: 'POST',
      url: '/api/billing/portal',
      headers: { authorization: token, origin: 'https://other-host.example' },
      payload: { returnUrl: 'https://evil.com' },
    });
    expect(res.statusCode).toBe(400); // reached the route (and its allow-list), not refused as CSRF
  });
});

describe('rate limits', () => {
  it('answers 429 with a clear JSON body per IP', async () => {
    const { app: limited } = await testApp({ RATE_LIMIT_PER_IP: '5' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 7; i++)
        codes.push(
          (await limited.inject({ method: 'GET', url: '/trpc/session.me', remoteAddress: '10.0.0.7' })).statusCode,
        );
      expect(codes).toEqual([200, 200, 200, 200, 200, 429, 429]);
      const res = await limited.inject({ method: 'GET', url: '/trpc/session.me', remoteAddress: '10.0.0.7' });
      expect(res.json()).toEqual({
        success: false,
        error: { code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/Too many requests from this address/) },
      });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      // Another address is not affected.
      expect(
        (await limited.inject({ method: 'GET', url: '/trpc/session.me', remoteAddress: '10.0.0.8' })).statusCode,
      ).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('limits one user across many addresses', async () => {
    const { app: limited } = await testApp({ RATE_LIMIT_PER_USER: '3' });
    try {
      const authorization = await bearer('busy-user', DEMO.customers.active);
      const codes: number[] = [];
      for (let i = 0; i < 5; i++)
        codes.push(
          (
            await limited.inject({
              method: 'GET',
              url: '/trpc/session.me',
              headers: { authorization },
              remoteAddress: `10.1.0.${i}`,
            })
          ).statusCode,
        );
      expect(codes).toEqual([200, 200, 200, 429, 429]);
      const other = await bearer('calm-user', DEMO.customers.active);
      expect(
        (
          await limited.inject({
            method: 'GET',
            url: '/trpc/session.me',
            headers: { authorization: other },
            remoteAddress: '10.1.0.1',
          })
        ).statusCode,
      ).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('counts a client reaching the portal directly by its own address, whatever X-Forwarded-For says', async () => {
    const { app: limited } = await testApp({ RATE_LIMIT_PER_IP: '3', TRUST_PROXY: '10.0.0.0/8' });
    try {
      const from = (remoteAddress: string, forwardedFor: string) =>
        limited.inject({
          method: 'GET',
          url: '/trpc/session.me',
          remoteAddress,
          headers: { 'x-forwarded-for': forwardedFor },
        });
      const direct: number[] = [];
      for (let i = 0; i < 5; i++) direct.push((await from('203.0.113.9', `198.51.100.${i}`)).statusCode);
      expect(direct).toEqual([200, 200, 200, 429, 429]);
      // Behind the named proxy, the forwarded client address is the one counted.
      const proxied: number[] = [];
      for (let i = 0; i < 5; i++) proxied.push((await from('10.0.0.2', `198.51.100.${i}`)).statusCode);
      expect(proxied).toEqual([200, 200, 200, 200, 200]);
    } finally {
      await limited.close();
    }
  });

  it('trusts as many proxy hops as TRUST_PROXY counts, whatever their addresses', async () => {
    const { app: limited } = await testApp({ RATE_LIMIT_PER_IP: '3', TRUST_PROXY: '1' });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await limited.inject({
          method: 'GET',
          url: '/trpc/session.me',
          remoteAddress: '203.0.113.9',
          headers: { 'x-forwarded-for': `198.51.100.${i}` },
        });
        codes.push(res.statusCode);
      }
      expect(codes).toEqual([200, 200, 200, 200, 200]);
    } finally {
      await limited.close();
    }
  });

  it('is configurable through env and refuses nonsense values', () => {
    expect(parseEnv({ RATE_LIMIT_PER_IP: '42' }).RATE_LIMIT_PER_IP).toBe(42);
    expect(() => parseEnv({ RATE_LIMIT_PER_USER: '0' })).toThrow(/RATE_LIMIT_PER_USER/);
    expect(parseEnv({}).TRUST_PROXY).toBe('loopback');
    expect(parseEnv({ TRUST_PROXY: '2' }).TRUST_PROXY).toBe(2);
    expect(parseEnv({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: '10.0.0.0/8, loopback' }).TRUST_PROXY).toBe('10.0.0.0/8,loopback');
    expect(() => parseEnv({ TRUST_PROXY: 'everyone' })).toThrow(/TRUST_PROXY/);
  });
});

describe('no secrets or Stripe internals in responses or logs', () => {
  it('a failing Stripe (bad key, outage) leaks nothing to the client or the log', async () => {
    const lines: string[] = [];
    const emulator = createEmulator({ seed: 'demo' });
    const secretKey = 'sk_live_leakcheck_very_secret_123';
    const env = parseEnv({
      LOG_LEVEL: 'info',
      AUTH_TOKEN_SECRET: TOKEN_SECRET,
      WEB_DIST_DIR: '/nonexistent',
      STRIPE_WEBHOOK_SECRET: 'whsec_leakcheck_secret',
    });
    const stripe = new Stripe(secretKey, { httpClient: emulator.httpClient, maxNetworkRetries: 0 });
    const leaky = await buildApp({
      env,
      ephemeralDb: true,
      logStream: { write: (l) => void lines.push(l) },
      stripe: { stripe, publishableKey: 'pk_test_x', stripeJsUrl: null, emulator: null, close: async () => {} },
    });
    try {
      const authorization = await bearer('leak-check', DEMO.customers.active);
      const bodies: string[] = [];
      // 1. The key is refused by "Stripe": an internal error.
      const internal = await leaky.inject({ method: 'GET', url: '/trpc/billing.overview', headers: { authorization } });
      expect(internal.statusCode).toBe(500);
      bodies.push(internal.body);
      const rest = await leaky.inject({
        method: 'POST',
        url: '/api/billing/portal',
        headers: { authorization },
        payload: { returnUrl: `${'http://localhost:3000'}/x` },
      });
      expect(rest.statusCode).toBe(500);
      bodies.push(rest.body);
      // 2. An outage: every call answers 500 with a Stripe request id.
      emulator.core.control.faults = { rate: 1, statuses: [500], dropRate: 0 };
      const outage = await leaky.inject({
        method: 'GET',
        url: '/trpc/billing.invoices.list?input=%7B%7D',
        headers: { authorization },
      });
      expect(outage.statusCode).toBe(503);
      bodies.push(outage.body);
      // 3. A bad webhook signature.
      bodies.push(
        (
          await leaky.inject({
            method: 'POST',
            url: '/webhooks/stripe',
            headers: { 'stripe-signature': 't=1,v1=abc', 'content-type': 'application/json' },
            payload: '{}',
          })
        ).body,
      );

      expect(lines.some((l) => l.includes('procedure failed'))).toBe(true); // the log is not empty
      for (const text of [...bodies, ...lines]) {
        expect(text).not.toMatch(/sk_(live|test)_|whsec_|rk_live_/);
        expect(text).not.toMatch(/\breq_[A-Za-z0-9]{6,}/);
        expect(text).not.toMatch(/\n\s+at |"stack"/);
        expect(text).not.toContain('leakcheck');
      }
    } finally {
      await leaky.close();
    }
  });
});
