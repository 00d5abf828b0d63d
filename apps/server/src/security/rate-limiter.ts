import { setBounded } from '@portal/api';

/**
 * Fixed-window request counters, one per key (an address, a user), in this process's memory.
 * A key's window starts at its first request and lasts `windowMs`; beyond `max` requests in it,
 * `hit` answers how many seconds remain. Keys are bounded: when `maxKeys` are held, the least
 * recently started window is forgotten first (an attacker able to churn that many addresses could
 * not be limited per address anyway).
 */
export interface RateLimiter {
  /** Counts one request for `key`: null when it is within the limit, else seconds until it resets. */
  hit(key: string): number | null;
}

export function fixedWindowLimiter(opts: { max: number; windowMs: number; maxKeys?: number; now?: () => number }): RateLimiter {
  const { max, windowMs } = opts;
  const maxKeys = opts.maxKeys ?? 100_000;
  const now = opts.now ?? Date.now;
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    hit(key) {
      const at = now();
      let window = windows.get(key);
      if (!window || window.resetAt <= at) {
        window = { count: 0, resetAt: at + windowMs };
        setBounded(windows, key, window, maxKeys);
      }
      window.count += 1;
      return window.count <= max ? null : Math.max(1, Math.ceil((window.resetAt - at) / 1000));
    },
  };
}
