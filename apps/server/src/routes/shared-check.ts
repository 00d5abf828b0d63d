import { LRUCache } from 'lru-cache';

/**
 * A check whose result is shared for `ttlMs`: every probe within that time gets the last answer,
 * and probes that arrive while a check runs wait for that same run (lru-cache's `fetch`
 * de-duplicates it). Readiness probes come from anyone who can reach the server, so the number of
 * calls to a metered dependency (Stripe's rate limit) must depend on the clock only, never on how
 * many requests arrive.
 */
export function sharedCheck(check: () => Promise<unknown>, opts: { ttlMs: number }): () => Promise<boolean> {
  const last = new LRUCache<'result', boolean>({
    max: 1,
    // ttl 0 would mean "forever" to lru-cache; 1 ms keeps a zero-TTL check shared only while it runs.
    ttl: Math.max(1, opts.ttlMs),
    fetchMethod: () =>
      check().then(
        () => true,
        () => false,
      ),
  });
  return async () => (await last.fetch('result')) ?? false;
}
