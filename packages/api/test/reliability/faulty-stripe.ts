import type { Emulator } from '@portal/stripe-emulator';
import Stripe from 'stripe';

export interface WireRecord {
  method: string;
  path: string;
  idempotencyKey: string | null;
  status: number;
  replayed: boolean;
}

/**
 * The official SDK over the emulator, with one fault the emulator cannot make on its own: a
 * response lost after Stripe applied the request (the worst case for exactly-once). Every request
 * and its outcome is recorded here, because the emulator's own request log keeps only the last 1000.
 */
export function faultyStripe(emulator: Emulator, opts: { lostResponseRate: number; random: () => number }) {
  const records: WireRecord[] = [];
  let lostResponses = 0;
  const inner = emulator.httpClient;
  const client: Stripe.HttpClient = {
    getClientName: () => 'faulty-stripe',
    async makeRequest(host, port, path, method, headers, requestData, protocol, timeout) {
      const key = Object.entries(headers as Record<string, unknown>).find(
        ([name]) => name.toLowerCase() === 'idempotency-key',
      )?.[1];
      const record: WireRecord = {
        method,
        path: path.split('?')[0] ?? path,
        idempotencyKey: typeof key === 'string' ? key : null,
        status: 0,
        replayed: false,
      };
      records.push(record);
      const res = await inner.makeRequest(host, port, path, method, headers, requestData, protocol, timeout);
      record.status = res.getStatusCode();
      record.replayed = (res.getHeaders() as Record<string, string>)['idempotent-replayed'] === 'true';
      if (method !== 'GET' && opts.random() < opts.lostResponseRate) {
        lostResponses++;
        const error = new Error('socket hang up (response lost after the request was applied)') as Error & {
          code: string;
        };
        error.code = 'ECONNRESET';
        throw error;
      }
      return res;
    },
  };
  // No SDK retries of its own (beyond the one it always makes on a closed connection): every
  // fault reaches the portal's code, which must map it to a retryable error for the client.
  const stripe = new Stripe('sk_test_api', { httpClient: client, maxNetworkRetries: 0 });
  return { stripe, records, lostResponses: () => lostResponses };
}

/** A small deterministic generator, so a failing run can be replayed with the same seed. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * The pause a client makes before retrying a retryable failure: exponential with jitter, like
 * TanStack Query's default `retryDelay` but scaled down. Without it, retries answered 429 by
 * Stripe's rate limit would come back at once and drain the bucket again.
 */
export function backoff(attempt: number): Promise<void> {
  const ms = Math.min(1000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
