import { DEMO } from '@portal/stripe-emulator';
import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, TOKEN_SECRET } from '../harness';

/** Return URLs a phisher would try, against an allow-list of `https://app.example.com/account`. */
const ATTACKS = [
  'https://evil.com',
  '//evil.com',
  '//app.example.com.evil.com/account',
  'https://app.example.com.evil.com/account',
  'https://app.example.com@evil.com/account',
  'https://evil.com/?https://app.example.com/account',
  'https://evil.com#https://app.example.com/account',
  'http://app.example.com/account',
  'https://app.example.com:8443/account',
  'https://app.example.com/accounting',
  'https://app.example.com/account/../admin',
  'javascript:alert(document.cookie)',
  'JaVaScRiPt://app.example.com/account/%0aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  '/account',
  '',
];

let app: FastifyInstance;
let authorization: string;
beforeAll(async () => {
  ({ app } = await testApp({ RETURN_URL_ALLOWLIST: 'https://app.example.com/account' }));
  const token = await new SignJWT({ email: 'redir@example.com', customer_id: DEMO.customers.active })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('redir')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(TOKEN_SECRET));
  authorization = `Bearer ${token}`;
});
afterAll(() => app.close());

const open = (returnUrl: string) =>
  app.inject({ method: 'POST', url: '/api/billing/portal', headers: { authorization }, payload: { returnUrl } });

describe('return URLs are restricted to the allow-list (no open redirect)', () => {
  it.each(ATTACKS)('refuses %j with 400 and no Stripe session', async (returnUrl) => {
    const res = await open(returnUrl);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ success: false, error: { code: 'BAD_REQUEST', message: expect.any(String) } });
  });

  it('still opens the portal for allowed URLs (the refusals are not vacuous)', async () => {
    for (const returnUrl of [
      'https://app.example.com/account',
      'https://app.example.com/account/billing?tab=1',
      'HTTPS://APP.EXAMPLE.COM/account',
    ]) {
      const res = await open(returnUrl);
      expect(res.statusCode, returnUrl).toBe(200);
    }
  });
});
