import { createEmulator } from '@portal/stripe-emulator';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { parseEnv } from '../src/env';
import { cookieFrom } from './harness';

/**
 * The GET-query fast path must answer exactly as tRPC's own adapter would: both servers share one
 * emulator (so the same Stripe data), one answers through the fast path and one through the stock
 * adapter, and every request below must get the same status, content type and body from both.
 */
const emulator = createEmulator({ seed: 'demo' });
const stripe = new Stripe('sk_test_fast_path', { httpClient: emulator.httpClient });
const connection = { stripe, publishableKey: 'pk_test_fast_path', stripeJsUrl: null, emulator: null, close: async () => {} };

async function server(fastPath: boolean) {
  const env = parseEnv({ LOG_LEVEL: 'silent', WEB_DIST_DIR: '/nonexistent' });
  const app = await buildApp({ env, ephemeralDb: true, stripe: connection, trpcQueryFastPath: fastPath });
  const login = async (email: string) => cookieFrom((await app.inject({ method: 'POST', url: '/auth/demo/login', payload: { email, password: 'demo' } })).headers['set-cookie']);
  return { app, cookies: { ada: await login('ada@example.com'), support: await login('support@example.com'), anonymous: '' } };
}

type Server = Awaited<ReturnType<typeof server>>;
let fast: Server;
let stock: Server;
beforeAll(async () => {
  fast = await server(true);
  stock = await server(false);
});
afterAll(async () => {
  await Promise.all([fast?.app.close(), stock?.app.close()]);
});

const input = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const requests: [string, keyof Server['cookies'], string][] = [
  ['a single query, as the SPA never sends it', 'ada', '/trpc/billing.overview'],
  ['a batch of one, as the SPA sends it', 'ada', `/trpc/billing.overview?batch=1&input=${input({})}`],
  ['a batch of several screens', 'ada', `/trpc/billing.overview,billing.paymentMethods.list,billing.taxIds.list,session.me?batch=1&input=${input({})}`],
  ['a query with input', 'ada', `/trpc/billing.invoices.list?batch=1&input=${input({ 0: { limit: 3 } })}`],
  ['input that fails validation', 'ada', `/trpc/billing.invoices.list?batch=1&input=${input({ 0: { limit: 'many' } })}`],
  ['a batch with one refused call (207)', 'ada', `/trpc/billing.overview,support.currentViewAs?batch=1&input=${input({})}`],
  ['an anonymous caller', 'anonymous', `/trpc/billing.overview?batch=1&input=${input({})}`],
  ['an anonymous single query', 'anonymous', '/trpc/billing.customer.get'],
  ['a signed-in user without a customer', 'support', `/trpc/billing.overview,session.me?batch=1&input=${input({})}`],
  ['a public query without a session', 'anonymous', `/trpc/session.me,session.stripe?batch=1&input=${input({})}`],
  ['batch input that is not an object', 'ada', `/trpc/billing.overview?batch=1&input=${input([1])}`],
  ['input that is not JSON', 'ada', '/trpc/billing.overview?batch=1&input=%7Bnope'],
  ['an unknown procedure', 'ada', `/trpc/billing.nothing?batch=1&input=${input({})}`],
  ['a mutation sent as GET', 'ada', `/trpc/billing.subscription.cancel?batch=1&input=${input({})}`],
  ['a percent-encoded path', 'ada', `/trpc/billing%2Eoverview?batch=1&input=${input({})}`],
];

describe('GET queries answered without the tRPC adapter', () => {
  it.each(requests)('answers %s exactly as tRPC does', async (_name, who, url) => {
    const send = (s: Server) => s.app.inject({ method: 'GET', url, headers: s.cookies[who] ? { cookie: s.cookies[who] } : {} });
    const [a, b] = await Promise.all([send(fast), send(stock)]);
    expect(a.statusCode).toBe(b.statusCode);
    expect(a.headers['content-type']).toBe(b.headers['content-type']);
    expect(a.headers.vary).toBe(b.headers.vary);
    expect(a.json()).toEqual(b.json());
    // The second time the fast path answers from its remembered plan for this URL.
    const again = await send(fast);
    expect([again.statusCode, again.json()]).toEqual([a.statusCode, a.json()]);
  });

  it('still carries the security headers', async () => {
    const res = await fast.app.inject({ method: 'GET', url: `/trpc/billing.overview?batch=1&input=${input({})}`, headers: { cookie: fast.cookies.ada } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});
