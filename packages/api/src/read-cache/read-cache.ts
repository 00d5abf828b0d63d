import type { Notifier } from '@portal/db';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../context';
import { LRUCache } from 'lru-cache';

/**
 * Per-customer cache of what the portal read from Stripe (DESIGN decision 7). Stripe allows 25–100
 * requests/s, so a warm screen must not call it at all. Entries hold the mapped views, not the raw
 * Stripe objects: a view is a few hundred bytes where the expanded objects behind it are tens of
 * kilobytes, which is what keeps 10,000 customers within a small heap.
 *
 * Correctness rests on invalidation, not on the TTL: the portal's own mutations and every webhook
 * naming the customer drop the entry, here and (over LISTEN/NOTIFY) on every other instance. The
 * TTL only bounds staleness when a notification is lost (they are delivered at most once).
 */
export interface ReadCache {
  /** The customer's cached `slot`, else `load()`'s result, kept unless invalidated while loading. */
  read<T>(customerId: string, slot: string, load: () => Promise<T>): Promise<T>;
  /** Forgets the customer on this instance at once, then tells the other instances. */
  invalidate(customerId: string): Promise<void>;
  /**
   * `invalidate` for a caller that sends the NOTIFY itself, inside its own transaction on the
   * database the notifier listens on (it then goes out on commit, never for a rolled-back change):
   * forgets the customer on this instance and returns the notification for the others, or null
   * when there are no other instances to tell.
   */
  invalidationNotice(customerId: string): { channel: string; payload: string } | null;
  /** Forgets every customer (the catalog changed: product names and prices are in the views). */
  invalidateAll(): Promise<void>;
  /** Starts listening to the other instances; resolves once LISTEN is active. */
  start(): Promise<void>;
  close(): Promise<void>;
  readonly size: number;
}

export interface ReadCacheOptions {
  /** LRU bound on customers held; the least recently read is dropped first. */
  maxCustomers?: number;
  ttlMs?: number;
  now?: () => number;
  notifier?: Notifier;
  log?: Logger;
  /** Runs when another instance invalidated everything (e.g. to drop the local catalog too). */
  onInvalidateAll?: () => void;
  /** Runs after a notification from another instance was applied (tests await it; no sleeping). */
  onRemoteInvalidation?: (customerId: string | null) => void;
}

export const READ_CACHE_CHANNEL = 'portal_read_cache';
const ALL = '*';

interface Slot {
  value: unknown;
  at: number;
}

export function createReadCache(opts: ReadCacheOptions = {}): ReadCache {
  const maxCustomers = opts.maxCustomers ?? 20_000;
  const ttlMs = opts.ttlMs ?? 5 * 60_000;
  const now = opts.now ?? Date.now;
  // Own notifications come back too; the instance id lets us skip work already done.
  const instanceId = randomUUID().slice(0, 8);
  // Per customer, least recently read first out; a slot's age is checked against the injected clock.
  const entries = new LRUCache<string, Map<string, Slot>>({ max: maxCustomers });
  // Loads in flight, so concurrent cold reads share one set of Stripe calls. Invalidation removes
  // them, which is how a load that raced a change knows not to store what it read.
  const flights = new Map<string, Promise<unknown>>();
  let stopListening: (() => Promise<void>) | null = null;

  const flightKey = (customerId: string, slot: string) => `${customerId}\u0000${slot}`;

  function forget(customerId: string) {
    entries.delete(customerId);
    const prefix = `${customerId}\u0000`;
    for (const key of flights.keys()) if (key.startsWith(prefix)) flights.delete(key);
  }

  function forgetAll() {
    entries.clear();
    flights.clear();
  }

  function store(customerId: string, slot: string, value: unknown) {
    const slots = entries.get(customerId) ?? new Map<string, Slot>();
    slots.set(slot, { value, at: now() });
    entries.set(customerId, slots);
  }

  async function broadcast(target: string) {
    if (!opts.notifier) return;
    try {
      await opts.notifier.notify(READ_CACHE_CHANNEL, `${instanceId} ${target}`);
    } catch (error) {
      // The change itself succeeded; other instances fall back to the TTL for this customer.
      opts.log?.warn({ err: error, target }, 'read-cache invalidation could not be broadcast');
    }
  }

  function onNotification(payload: string) {
    const [from, target] = payload.split(' ');
    if (!target || from === instanceId) return;
    if (target === ALL) {
      forgetAll();
      opts.onInvalidateAll?.();
    } else {
      forget(target);
    }
    opts.onRemoteInvalidation?.(target === ALL ? null : target);
  }

  return {
    async read<T>(customerId: string, slot: string, load: () => Promise<T>): Promise<T> {
      const slots = entries.get(customerId);
      const hit = slots?.get(slot);
      if (hit && now() - hit.at <= ttlMs) {
        return hit.value as T;
      }
      const key = flightKey(customerId, slot);
      const joined = flights.get(key);
      if (joined) return joined as Promise<T>;
      const flight = load();
      flights.set(key, flight);
      try {
        const value = await flight;
        if (flights.get(key) === flight) store(customerId, slot, value);
        return value;
      } finally {
        if (flights.get(key) === flight) flights.delete(key);
      }
    },
    async invalidate(customerId) {
      forget(customerId);
      await broadcast(customerId);
    },
    invalidationNotice(customerId) {
      forget(customerId);
      return opts.notifier ? { channel: READ_CACHE_CHANNEL, payload: `${instanceId} ${customerId}` } : null;
    },
    async invalidateAll() {
      forgetAll();
      await broadcast(ALL);
    },
    async start() {
      if (!opts.notifier || stopListening) return;
      stopListening = await opts.notifier.listen(READ_CACHE_CHANNEL, onNotification);
      // Whatever was sent while the connection was down is lost: start from empty.
      opts.notifier.onReconnect(() => {
        forgetAll();
        opts.onInvalidateAll?.();
      });
    },
    async close() {
      const stop = stopListening;
      stopListening = null;
      forgetAll();
      await stop?.();
    },
    get size() {
      return entries.size;
    },
  };
}
