import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { createEmulator } from '../src/index.js';
import { validatingHttpClient } from './helpers.js';

const sdk = (key: string, emulator: ReturnType<typeof createEmulator>, maxNetworkRetries = 0) =>
  new Stripe(key, { httpClient: validatingHttpClient(emulator.httpClient), maxNetworkRetries });

const settle = async (n: number, call: () => Promise<unknown>) => {
  const results = await Promise.allSettled(Array.from({ length: n }, call));
  const errors = results
    .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    .map((r) => r.reason as Stripe.errors.StripeError);
  return { ok: results.length - errors.length, errors };
};

describe("Stripe's rate limits, on by default", () => {
  it('answers a burst beyond 25 reads per second on a test key with 429 rate_limit and the retry headers', async () => {
    const emulator = createEmulator({ seed: 'none' });
    // The bucket refills while the burst is served (25 a second), so a slow machine lets a few more through.
    const { ok, errors } = await settle(60, () => sdk('sk_test_burst', emulator).customers.list({ limit: 1 }));
    expect(ok).toBeGreaterThanOrEqual(25);
    expect(ok).toBeLessThan(35);
    expect(errors.length).toBe(60 - ok);
    const err = errors[0]!;
    expect(err).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(err.statusCode).toBe(429);
    expect(err.code).toBe('rate_limit');
    expect(err.headers?.['stripe-rate-limited-reason']).toBe('global-rate');
    expect(err.headers?.['stripe-should-retry']).toBe('true');
  });

  it('keeps reads and writes in separate buckets, per API key', async () => {
    const emulator = createEmulator({ seed: 'none' });
    const a = sdk('sk_test_account_a', emulator);
    expect((await settle(60, () => a.customers.list({ limit: 1 }))).errors.length).toBeGreaterThan(20);
    // Reads are spent; writes on the same key, and reads on another key, are not.
    const writes = await settle(60, () => a.customers.create({}));
    expect(writes.ok).toBeGreaterThanOrEqual(25);
    expect(writes.errors.length).toBeGreaterThan(20);
    expect((await settle(25, () => sdk('sk_test_account_b', emulator).customers.list({ limit: 1 }))).ok).toBe(25);
  });

  it('refills continuously, so the SDK retrying with backoff gets every request through', async () => {
    const emulator = createEmulator({ seed: 'none' });
    const patient = sdk('sk_test_patient', emulator, 3);
    const { ok, errors } = await settle(40, () => patient.customers.create({ email: 'burst@example.com' }));
    expect(errors).toEqual([]);
    expect(ok).toBe(40);
    // Idempotency keys made the retries safe: exactly 40 customers exist.
    expect((await patient.customers.list({ limit: 100 })).data).toHaveLength(40);
  });

  it('can be switched off (option and control route) for benchmarks', async () => {
    const off = createEmulator({ seed: 'none', rateLimit: false });
    expect((await settle(60, () => sdk('sk_test_bench', off).customers.list({ limit: 1 }))).errors).toEqual([]);

    const on = createEmulator({ seed: 'none' });
    const res = await on.httpClient.makeRequest(
      'localhost',
      '80',
      '/_emulator/rate-limit',
      'POST',
      { 'content-type': 'application/json', authorization: `Bearer ${on.controlToken}` },
      JSON.stringify({ enabled: false }),
      'http',
      5000,
    );
    expect(res.getStatusCode()).toBe(200);
    expect((await settle(60, () => sdk('sk_test_bench', on).customers.list({ limit: 1 }))).errors).toEqual([]);
  });
});
