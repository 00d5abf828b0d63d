import type { Emulator } from '@portal/stripe-emulator';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testApp } from './harness';

// Building an app (PGlite, migrations, demo users) is slow when every test file does it at once.
vi.setConfig({ testTimeout: 20_000, hookTimeout: 60_000 });

let app: FastifyInstance;
let emulator: Emulator;
beforeAll(async () => {
  ({ app, emulator } = await testApp({ READINESS_STRIPE_INTERVAL_SECONDS: '1' }));
});
afterAll(() => app.close().catch(() => {}));

const readyz = () => app.inject({ method: 'GET', url: '/readyz' });
// The Stripe check's answer is shared for READINESS_STRIPE_INTERVAL_SECONDS (1 s here).
const nextInterval = () => new Promise((resolve) => setTimeout(resolve, 1100));

// In order: the last test takes the database away.
describe('GET /readyz', () => {
  it('is ready when the database and Stripe answer', async () => {
    const res = await readyz();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, checks: { database: 'ok', stripe: 'ok' } });
  });

  it('answers 503 naming Stripe when Stripe fails, without leaking the error', async () => {
    emulator.core.control.faults.rate = 1;
    try {
      await nextInterval();
      const res = await readyz();
      expect(res.statusCode).toBe(503);
      // The failure envelope every non-tRPC route answers (#18); its message names what failed.
      expect(res.json()).toEqual({
        success: false,
        error: { code: 'SERVICE_UNAVAILABLE', message: 'Not ready: stripe failed.' },
      });
      expect(res.headers['cache-control']).toBe('no-store');
    } finally {
      emulator.core.control.faults.rate = 0;
    }
  });

  it("stays ready while Stripe's rate limit answers 429: Stripe is busy, not down", async () => {
    emulator.core.control.rateLimit = { enabled: true, perSecond: 1 };
    try {
      await nextInterval();
      // Spend the only read this second, as the portal's own traffic would.
      await emulator.httpClient.makeRequest(
        'localhost',
        '80',
        '/v1/customers?limit=1',
        'GET',
        { authorization: 'Bearer sk_test_harness' },
        '',
        'http',
        5000,
      );
      const res = await readyz();
      expect(emulator.core.requestLog.at(-1)).toMatchObject({ path: '/v1/customers', status: 429 });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ ok: true, checks: { database: 'ok', stripe: 'ok' } });
    } finally {
      emulator.core.control.rateLimit = { enabled: true };
    }
  });

  it('answers 503 naming the database when it is gone', async () => {
    await nextInterval();
    await app.db.destroy();
    const res = await readyz();
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({
      success: false,
      error: { code: 'SERVICE_UNAVAILABLE', message: 'Not ready: database failed.' },
    });
  });
});
