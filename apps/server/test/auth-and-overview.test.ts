import { DEMO } from '@portal/stripe-emulator';
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFrom, testApp, TOKEN_SECRET } from './harness';

let app: FastifyInstance;
beforeAll(async () => {
  ({ app } = await testApp());
});
afterAll(() => app.close());

const overview = (headers: Record<string, string> = {}) =>
  app.inject({ method: 'GET', url: '/trpc/billing.overview', headers });

async function login(email: string, password: string) {
  return app.inject({ method: 'POST', url: '/auth/demo/login', payload: { email, password } });
}

function hostToken(claims: Record<string, unknown>, secret = TOKEN_SECRET) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(claims.sub))
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(secret));
}

describe('demo login and the overview', () => {
  it('refuses the overview to an anonymous caller', async () => {
    const res = await overview();
    expect(res.statusCode).toBe(401);
    expect(res.json().error.data.code).toBe('UNAUTHORIZED');
  });

  it('refuses a wrong password without a session', async () => {
    const res = await login('ada@example.com', 'nope');
    expect(res.statusCode).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('rejects a malformed login body with a clear 400', async () => {
    const res = await app.inject({ method: 'POST', url: '/auth/demo/login', payload: { email: 'not-an-email' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/email/i) });
  });

  it('signs a demo customer in with an HttpOnly, SameSite=Lax cookie and shows their plan', async () => {
    const res = await login('ada@example.com', 'demo');
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);

    const view = await overview({ cookie: cookieFrom(res.headers['set-cookie']) });
    expect(view.statusCode).toBe(200);
    const data = view.json().result.data;
    expect(data.customer).toMatchObject({ id: DEMO.customers.active, name: 'Ada Lovelace' });
    expect(data.subscriptions).toHaveLength(1);
    expect(data.subscriptions[0]).toMatchObject({ status: 'active', cancelAtPeriodEnd: false });
    expect(data.subscriptions[0].items[0]).toMatchObject({ productName: 'Pro', interval: 'month', quantity: 1 });
    expect(Date.parse(data.subscriptions[0].currentPeriodEnd)).toBeGreaterThan(Date.now());
  });

  it('forgets the session on logout', async () => {
    const res = await app.inject({ method: 'POST', url: '/auth/logout' });
    expect(String(res.headers['set-cookie'])).toMatch(/portal_session=;/);
  });

  it('ignores a forged session cookie', async () => {
    const res = await overview({ cookie: 'portal_session=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJkZW1vLWFkYSJ9.forged' });
    expect(res.statusCode).toBe(401);
  });
});

describe('host-app tokens', () => {
  it('follows a changed customer claim for the same user on the next request', async () => {
    const first = await hostToken({ sub: 'host-user-4', email: 'h4@example.com', customer_id: DEMO.customers.active });
    expect((await overview({ authorization: `Bearer ${first}` })).json().result.data.customer.id).toBe(
      DEMO.customers.active,
    );
    expect((await overview({ authorization: `Bearer ${first}` })).json().result.data.customer.id).toBe(
      DEMO.customers.active,
    );
    const moved = await hostToken({
      sub: 'host-user-4',
      email: 'h4@example.com',
      customer_id: DEMO.customers.trialing,
    });
    expect((await overview({ authorization: `Bearer ${moved}` })).json().result.data.customer.id).toBe(
      DEMO.customers.trialing,
    );
  });

  it('accepts a signed token whose customer claim links the user', async () => {
    const token = await hostToken({
      sub: 'host-user-1',
      email: 'host1@example.com',
      customer_id: DEMO.customers.active,
    });
    const res = await overview({ authorization: `Bearer ${token}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().result.data.customer.id).toBe(DEMO.customers.active);
  });

  it('rejects a token signed with another secret', async () => {
    const token = await hostToken(
      { sub: 'host-user-2', email: 'h2@example.com', customer_id: DEMO.customers.active },
      'another-secret-another-secret-0123456789',
    );
    expect((await overview({ authorization: `Bearer ${token}` })).statusCode).toBe(401);
  });

  it('answers NOT_FOUND with the seed message for a user without a billing customer', async () => {
    const token = await hostToken({ sub: 'host-user-3', email: 'h3@example.com' });
    const res = await overview({ authorization: `Bearer ${token}` });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toBe('No billing customer record found');
    expect(res.json().error.data.reason).toBe('NO_BILLING_CUSTOMER');
  });
});
