import { DEMO } from '@portal/stripe-emulator';
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, TOKEN_SECRET } from './harness';

let app: FastifyInstance;
beforeAll(async () => {
  ({ app } = await testApp({ RETURN_URL_ALLOWLIST: 'https://host.example.com/account' }));
}, 30_000);
afterAll(() => app.close());

function bearer(claims: Record<string, unknown>) {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(claims.sub))
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(TOKEN_SECRET))
    .then((t) => ({ authorization: `Bearer ${t}` }));
}

const portal = (payload: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/billing/portal', payload: payload as object, headers });

describe('POST /api/billing/portal', () => {
  it('200: answers the hosted portal URL for a linked customer', async () => {
    const headers = await bearer({
      sub: 'rest-ada',
      email: 'rest-ada@example.com',
      customer_id: DEMO.customers.active,
    });
    const res = await portal({ returnUrl: 'https://host.example.com/account/billing' }, headers);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.success).toBe(true);
    expect(body.data.url).toMatch(/^https?:\/\/\S+/);
  });

  it('401: refuses a request without a valid Bearer token', async () => {
    for (const headers of [{}, { authorization: 'Bearer not-a-jwt' }] as Array<Record<string, string>>) {
      const res = await portal({ returnUrl: 'https://host.example.com/account' }, headers);
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ success: false, error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
    }
  });

  it('404: a user without a billing customer gets the seed message', async () => {
    const headers = await bearer({ sub: 'rest-nobody', email: 'nobody@example.com' });
    const res = await portal({ returnUrl: 'https://host.example.com/account' }, headers);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      success: false,
      error: { code: 'NOT_FOUND', message: 'No billing customer record found' },
    });
  });

  it('400: refuses a return URL that is malformed or not on the allow-list', async () => {
    const headers = await bearer({
      sub: 'rest-ada-2',
      email: 'rest-ada-2@example.com',
      customer_id: DEMO.customers.active,
    });
    for (const returnUrl of ['not a url', 'https://evil.example.net/account', 'https://host.example.com/elsewhere']) {
      const res = await portal({ returnUrl }, headers);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ success: false, error: { code: 'BAD_REQUEST' } });
    }
    expect((await portal({}, headers)).statusCode).toBe(400);
  });
});
