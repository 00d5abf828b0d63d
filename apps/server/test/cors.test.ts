import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './harness';

let app: Awaited<ReturnType<typeof testApp>>['app'];
beforeAll(async () => {
  ({ app } = await testApp({ CORS_ORIGINS: 'http://host.example.com' }));
});
afterAll(() => app.close());

describe('cross-origin host apps', () => {
  it('lets an allowed host origin call the API with a bearer token', async () => {
    const res = await app.inject({
      method: 'OPTIONS',
      url: '/trpc/billing.overview',
      headers: {
        origin: 'http://host.example.com',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe('http://host.example.com');
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('gives other origins no CORS grant', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/trpc/session.me',
      headers: { origin: 'http://evil.example.com' },
    });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });
});
