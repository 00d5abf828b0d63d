import { LRUCache } from 'lru-cache';

/**
 * Remembers tokens whose signature verified, until they expire. Every request of a session carries
 * the same cookie (or host token), and checking its signature again each time was the largest cost
 * of a warm read after the database. A signature that verified once stays valid until the token's
 * `exp`, so replaying that answer is exact. Whether a session cookie's session still holds (signed
 * out, idle) is not a property of the token: the session store answers that on every request. Only successes are kept, so junk tokens cannot fill memory; the map is bounded and entries
 * are also capped at `maxAgeMs`, so a key rotation takes effect within that time.
 */
export interface Verified<T> {
  value: T;
  /** When the token stops being valid (its `exp`), in epoch ms. */
  expiresAtMs: number;
}

export function rememberVerified<T>(
  verify: (token: string) => Promise<Verified<T> | null>,
  opts: { max?: number; maxAgeMs?: number; now?: () => number } = {},
): (token: string) => Promise<T | null> {
  const max = opts.max ?? 10_000;
  const maxAgeMs = opts.maxAgeMs ?? 5 * 60_000;
  const now = opts.now ?? Date.now;
  // `until` is checked against the injected clock (tests move it); lru-cache keeps the memory bounded.
  const remembered = new LRUCache<string, { value: T; until: number }>({ max });

  return async (token) => {
    const hit = remembered.get(token);
    if (hit) {
      if (now() < hit.until) return hit.value;
      remembered.delete(token);
    }
    const verified = await verify(token);
    if (!verified) return null;
    const until = Math.min(verified.expiresAtMs, now() + maxAgeMs);
    if (until > now()) remembered.set(token, { value: verified.value, until });
    return verified.value;
  };
}
