import { StripeError } from '../errors.js';
import type { WireResponse } from './wire.js';
import { errorResponse } from './request.js';

/**
 * An injected failure as Stripe would send it. All carry `Stripe-Should-Retry: true`, which makes
 * the SDK retry even a 429 (with the same idempotency key).
 */
export function faultResponse(status: number): WireResponse {
  const type = status === 429 ? 'rate_limit_error' : status === 409 ? 'invalid_request_error' : 'api_error';
  const code = status === 429 ? 'rate_limit' : status === 409 ? 'lock_timeout' : undefined;
  const message =
    status === 429
      ? 'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.'
      : status === 409
        ? 'This object cannot be accessed right now because another API request or Stripe process is currently accessing it.'
        : 'Something went wrong on our end. (injected fault)';
  const err = new StripeError(
    status,
    { type: type as 'api_error', message, ...(code ? { code } : {}) },
    { 'stripe-should-retry': 'true' },
  );
  const res = errorResponse(err);
  if (status === 429) res.headers['stripe-rate-limited-reason'] = 'global-rate';
  return res;
}
