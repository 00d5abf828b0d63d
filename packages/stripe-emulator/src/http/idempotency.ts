import type { WireResponse } from '../core.js';

interface Entry {
  fingerprint: string;
  response: WireResponse;
  storedAt: number;
}

const TTL_MS = 24 * 3600 * 1000;

/**
 * Saved results of POSTs by `Idempotency-Key` (scoped to the API key), kept 24 hours like
 * Stripe. The fingerprint is method, path and raw body: the SDK resends the same bytes on retry.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: () => number) {}

  lookup(scope: string, key: string): Entry | undefined {
    const entry = this.entries.get(`${scope} ${key}`);
    if (entry && entry.storedAt < this.clock() - TTL_MS) {
      this.entries.delete(`${scope} ${key}`);
      return undefined;
    }
    return entry;
  }

  save(scope: string, key: string, fingerprint: string, response: WireResponse): void {
    const cutoff = this.clock() - TTL_MS;
    for (const [k, v] of this.entries) if (v.storedAt < cutoff) this.entries.delete(k);
    this.entries.set(`${scope} ${key}`, { fingerprint, response, storedAt: this.clock() });
  }

  clear(): void {
    this.entries.clear();
  }
}
