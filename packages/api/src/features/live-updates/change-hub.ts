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
  /**
   * Counts one more open stream for the user; null when `max` are open already. The returned
   * function releases it. Per instance: what it bounds is this process's open connections.
   */
  openStream(userId: string, max: number): (() => void) | null;
  /** Tells this instance's open streams of a support agent that their view-as changed (stopped, replaced). */
  viewAsChanged(userId: string): void;
  onViewAsChanged(userId: string, listener: () => void): () => void;
  /**
   * Ends every open stream (a shutdown): the SSE responses finish, so the server can close, and
   * each browser's EventSource reconnects, through the load balancer, to an instance still up.
   */
  drain(): void;
}

/** A slow consumer must not grow memory without bound: beyond this, the oldest changes drop. */
const MAX_BUFFERED = 100;

export function createChangeHub(): ChangeHub {
  const listeners = new Map<string, Set<Listener>>();
  const openStreams = new Map<string, number>();
  const viewAsListeners = new Map<string, Set<() => void>>();
  const draining = new AbortController();

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
      draining.signal.addEventListener('abort', onAbort);
      try {
        while (!signal?.aborted && !draining.signal.aborted) {
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
        draining.signal.removeEventListener('abort', onAbort);
        unsubscribe();
      }
    },
    listenerCount: (customerId) => listeners.get(customerId)?.size ?? 0,
    openStream(userId, max) {
      const open = openStreams.get(userId) ?? 0;
      if (open >= max) return null;
      openStreams.set(userId, open + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (openStreams.get(userId) ?? 1) - 1;
        if (left > 0) openStreams.set(userId, left);
        else openStreams.delete(userId);
      };
    },
    viewAsChanged(userId) {
      for (const listener of viewAsListeners.get(userId) ?? []) listener();
    },
    onViewAsChanged(userId, listener) {
      const set = viewAsListeners.get(userId) ?? new Set();
      set.add(listener);
      viewAsListeners.set(userId, set);
      return () => {
        set.delete(listener);
        if (set.size === 0) viewAsListeners.delete(userId);
      };
    },
    drain() {
      draining.abort();
    },
  };
  return hub;
}
