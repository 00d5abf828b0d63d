import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testApp } from './harness';

vi.setConfig({ testTimeout: 20_000, hookTimeout: 60_000 });

// #18 "one way to fail": every non-tRPC route answers { success: false, error: { code, message } }
// (before, /auth answered { error }, webhooks { error }, Fastify's own refusals
// { statusCode, error, message }). One request per route kind; the rest of the suite covers
// readiness, CSRF and rate limits.
let app: FastifyInstance;
beforeAll(async () => {
  ({ app } = await testApp());
});
afterAll(() => app.close());

const envelope = (code: string) => ({ success: false, error: { code, message: expect.stringMatching(/\w/) } });

describe('the failure envelope of non-tRPC routes', () => {
  it('sign-in: a malformed body and a wrong password', async () => {
    const malformed = await app.inject({ method: 'POST', url: '/auth/demo/login', payload: { email: 'x' } });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toEqual(envelope('BAD_REQUEST'));
    const wrong = await app.inject({
      method: 'POST',
      url: '/auth/demo/login',
      payload: { email: 'ada@example.com', password: 'not-it' },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual(envelope('UNAUTHORIZED'));
  });

  it('sign-out everywhere without a session', async () => {
    const res = await app.inject({ method: 'POST', url: '/auth/logout-everywhere' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual(envelope('UNAUTHORIZED'));
  });

  it('webhooks: not configured on this server (no signing secret)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/webhooks/stripe',
      payload: '{}',
      headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=x' },
    });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual(envelope('SERVICE_UNAVAILABLE'));
  });

  it("Fastify's own refusals: broken JSON and a body over the limit", async () => {
    const broken = await app.inject({
      method: 'POST',
      url: '/auth/demo/login',
      payload: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toEqual(envelope('BAD_REQUEST'));
    const huge = await app.inject({
      method: 'POST',
      url: '/auth/demo/login',
      payload: JSON.stringify({ email: 'x'.repeat(300 * 1024) }),
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json()).toEqual(envelope('PAYLOAD_TOO_LARGE'));
  });

  it('an unknown path, with no SPA built beside the server', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const res = await app.inject({ method, url: '/no/such/route' });
      expect(res.statusCode, method).toBe(404);
      expect(res.json(), method).toEqual(envelope('NOT_FOUND'));
    }
  });

  it('tRPC keeps its own shape', async () => {
    const res = await app.inject({ method: 'GET', url: '/trpc/billing.overview' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: { data: { code: 'UNAUTHORIZED' } } });
    expect(res.json()).not.toHaveProperty('success');
  });
});
