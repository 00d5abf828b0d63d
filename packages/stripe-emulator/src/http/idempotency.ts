import { StripeError } from '../errors.js';
import type { WireRequest, WireResponse } from './wire.js';

interface SavedAnswer {
  /** Method, path and raw body: the SDK resends the same bytes when it retries. */
  fingerprint: string;
  response: WireResponse;
  storedAt: number;
}

const TTL_MS = 24 * 3600 * 1000;

/**
 * `Idempotency-Key` handling for POSTs, scoped to the API key as in Stripe: answers are saved for
 * 24 hours and replayed for the same parameters, and a key is claimed while its request runs.
 */
export class IdempotencyKeys {
  private readonly saved = new Map<string, SavedAnswer>();
  private readonly inFlight = new Set<string>();

  constructor(private readonly clock: () => number) {}

  /** False when a request with this key is still running (answer `keyInUseError`). */
  claim(inFlightKey: string): boolean {
    if (this.inFlight.has(inFlightKey)) return false;
    this.inFlight.add(inFlightKey);
    return true;
  }

  release(inFlightKey: string): void {
    this.inFlight.delete(inFlightKey);
  }

  lookup(scope: string, key: string): SavedAnswer | undefined {
    const entry = this.saved.get(`${scope} ${key}`);
    if (entry && entry.storedAt < this.clock() - TTL_MS) {
      this.saved.delete(`${scope} ${key}`);
      return undefined;
    }
    return entry;
  }

  /** Saves an answer for replay; expired answers are swept on the way. */
  save(scope: string, key: string, fingerprint: string, response: WireResponse): void {
    // Validation failures are not stored: Stripe only saves results once an endpoint ran.
    if (response.status === 400 || response.status === 401) return;
    const cutoff = this.clock() - TTL_MS;
    for (const [k, v] of this.saved) if (v.storedAt < cutoff) this.saved.delete(k);
    this.saved.set(`${scope} ${key}`, { fingerprint, response, storedAt: this.clock() });
  }

  /** Forgets saved answers (emulator reset); requests still running keep their claim. */
  clear(): void {
    this.saved.clear();
  }
}

/** What a request claims while it runs: its API key and `Idempotency-Key`; null when it has none or is not a POST. */
export function inFlightKeyOf(req: WireRequest): string | null {
  return req.method === 'POST' && req.headers['idempotency-key']
    ? `${req.headers.authorization ?? ''} ${req.headers['idempotency-key']}`
    : null;
}

export function fingerprintOf(req: WireRequest, pathname: string): string {
  return `${req.method} ${pathname} ${req.body}`;
}

/** The saved answer again, flagged the way Stripe flags replays. */
export function replayOf(saved: SavedAnswer): WireResponse {
  return { ...saved.response, headers: { ...saved.response.headers, 'idempotent-replayed': 'true' } };
}

/** Stripe answers a concurrent request with the same key with a retryable 409. */
export function keyInUseError(): StripeError {
  return new StripeError(
    409,
    {
      type: 'idempotency_error',
      code: 'idempotency_key_in_use',
      message:
        'There is currently another in-progress request using this Stripe-Idempotency-Key. Please try again later.',
    },
    { 'stripe-should-retry': 'true' },
  );
}

export function keyReusedError(key: string): StripeError {
  return new StripeError(400, {
    type: 'idempotency_error',
    message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
  });
}
