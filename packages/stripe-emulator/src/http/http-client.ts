import type Stripe from 'stripe';
import type { Core } from '../core.js';

/** Lower-cases header names and flattens arrays, as the SDK hands them to its client. */
function normaliseHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (v === undefined || v === null) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

/**
 * A `Stripe.HttpClient` that hands requests straight to the emulator, so tests can use the
 * official SDK (`new Stripe(key, { httpClient })`) without opening a port.
 */
export function createHttpClient(core: Core): Stripe.HttpClient {
  return {
    getClientName: () => 'stripe-emulator',
    async makeRequest(_host, _port, path, method, headers, requestData) {
      const res = await core.dispatch({
        method: method.toUpperCase(),
        url: path,
        headers: normaliseHeaders(headers as Record<string, unknown>),
        body: requestData ?? '',
      });
      if (res.drop) {
        const err = new Error('socket hang up (dropped by stripe-emulator fault injection)') as Error & {
          code: string;
        };
        err.code = 'ECONNRESET';
        throw err;
      }
      const text = typeof res.body === 'string' ? res.body : res.body.toString('utf8');
      return {
        getStatusCode: () => res.status,
        getHeaders: () => res.headers,
        getRawResponse: () => res,
        toStream: (done: () => void) => {
          done();
          return new Blob([text]).stream();
        },
        toJSON: async () => JSON.parse(text),
      };
    },
  };
}
