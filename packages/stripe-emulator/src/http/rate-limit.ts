import { StripeError } from '../errors.js';

/**
 * Stripe's global limits, per account: 25 reads and 25 writes a second in test mode (100 in live
 * mode, which the emulator never is: it accepts only `sk_test_` keys). `perSecond` overrides the
 * limit (the control route, stress tests); `enabled: false` turns limiting off (benchmarks that
 * measure the portal, not Stripe's limits).
 */
export interface RateLimitSettings {
  enabled: boolean;
  perSecond?: number;
}

const TEST_MODE_PER_SECOND = 25;

type Bucket = { tokens: number; at: number };

/**
 * Token buckets (what Stripe's limiter is): a bucket holds up to a second's worth of requests
 * and refills continuously, so a burst is answered at once up to the limit and a steady rate
 * at the limit never sees a 429. Reads (GET) and writes (POST, DELETE) have separate buckets.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly settings: () => RateLimitSettings,
    /** Real time, not the emulator's clock: moving the clock forward must not refill buckets. */
    private readonly realNowMs: () => number = Date.now,
  ) {}

  /** Takes a token for this request; false when the bucket is empty (answer 429). */
  admit(method: string, authorization: string | undefined): boolean {
    const { enabled, perSecond } = this.settings();
    if (!enabled) return true;
    const key = (authorization ?? '').replace(/^Bearer\s+/i, '');
    const limit = perSecond ?? TEST_MODE_PER_SECOND;
    if (limit <= 0) return true;
    const id = `${method === 'GET' ? 'read' : 'write'} ${key}`;
    const now = this.realNowMs();
    const bucket = this.buckets.get(id) ?? { tokens: limit, at: now };
    bucket.tokens = Math.min(limit, bucket.tokens + ((now - bucket.at) / 1000) * limit);
    bucket.at = now;
    this.buckets.set(id, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  clear(): void {
    this.buckets.clear();
  }
}

/**
 * Stripe's answer beyond the limit. `Stripe-Should-Retry: true` makes the official SDKs retry
 * it with backoff (and the same idempotency key) when `maxNetworkRetries` allows.
 */
export function rateLimitError(): StripeError {
  return new StripeError(
    429,
    {
      type: 'invalid_request_error',
      code: 'rate_limit',
      message: 'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.',
    },
    { 'stripe-rate-limited-reason': 'global-rate', 'stripe-should-retry': 'true' },
  );
}
