import type { BillingChange } from '@portal/contract';

type Listener = (change: BillingChange) => void;

/**
 * In-process pub/sub of per-customer changes. One server instance delivers to the SPAs connected
 * to it; several instances would relay `publish` over Postgres LISTEN/NOTIFY (DESIGN decision 7).
 */
export interface ChangeHub {
  publish(customerId: string, change: BillingChange): void;
  subscribe(customerId: string, listener: Listener): () => void;
  /** The customer's changes as an async stream, ending when `signal` aborts. */
  stream(customerId: string, signal?: AbortSignal): AsyncIterable<BillingChange>;
  listenerCount(customerId: string): number;
}

/** A slow consumer must not grow memory without bound: beyond this, the oldest changes drop. */
const MAX_BUFFERED = 100;

export function createChangeHub(): ChangeHub {
  const listeners = new Map<string, Set<Listener>>();

  const hub: ChangeHub = {
    publish(customerId, change) {
      for (const listener of listeners.get(customerId) ?? []) listener(change);
    },
    subscribe(customerId, listener) {
      const set = listeners.get(customerId) ?? new Set<Listener>();
      set.add(listener);
      listeners.set(customerId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(customerId);
      };
    },
    async *stream(customerId, signal) {
      const buffered: BillingChange[] = [];
      let wake: (() => void) | null = null;
      const unsubscribe = hub.subscribe(customerId, (change) => {
        buffered.push(change);
        if (buffered.length > MAX_BUFFERED) buffered.shift();
        wake?.();
      });
      const onAbort = () => wake?.();
      signal?.addEventListener('abort', onAbort);
      try {
        while (!signal?.aborted) {
          const next = buffered.shift();
          if (next) {
            yield next;
            continue;
          }
          await new Promise<void>((resolve) => (wake = resolve));
          wake = null;
        }
      } finally {
        signal?.removeEventListener('abort', onAbort);
        unsubscribe();
      }
    },
    listenerCount: (customerId) => listeners.get(customerId)?.size ?? 0,
  };
  return hub;
}
