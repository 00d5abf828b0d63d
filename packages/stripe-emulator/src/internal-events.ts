import type { Core } from './core.js';
import type { StripeObject } from './store.js';

/**
 * What one part of the emulator announces and others react to, inside the same transaction as
 * the request that caused it. Modules subscribe on the core when they are registered
 * (`registerAll`), never when they are imported: nothing depends on import order, and each
 * emulator has its own subscribers. (Stripe's own events, `core.emit`, are a separate thing.)
 */
export interface InternalEventMap {
  /** An API request arrived: work due by now runs before it (renewals, tax ID verifications). */
  'request.received': undefined;
  /** An invoice became paid: its subscription may apply a pending update or become active again. */
  'invoice.paid': StripeObject;
  /** A customer is about to be deleted: its subscriptions are canceled at once, as Stripe does. */
  'customer.deleting': StripeObject;
}

type Handler<K extends keyof InternalEventMap> = (payload: InternalEventMap[K]) => void;

export class InternalEvents {
  // Typed at `on`/`emit`; one untyped list per name inside.
  private readonly handlers = new Map<keyof InternalEventMap, Array<(payload: unknown) => void>>();

  on<K extends keyof InternalEventMap>(name: K, handler: Handler<K>): void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler as (payload: unknown) => void);
    this.handlers.set(name, list);
  }

  /**
   * Stops delivering `name` until the returned function is called: a benchmark that loads
   * thousands of objects suspends `request.received`, whose sweep over them would dominate.
   */
  suspend<K extends keyof InternalEventMap>(name: K): () => void {
    const held = this.handlers.get(name) ?? [];
    this.handlers.delete(name);
    return () => this.handlers.set(name, [...held, ...(this.handlers.get(name) ?? [])]);
  }

  /** Runs every handler of `name`, in the order they subscribed; a handler's error propagates. */
  emit<K extends keyof InternalEventMap>(name: K, payload: InternalEventMap[K]): void {
    for (const handler of this.handlers.get(name) ?? []) handler(payload);
  }
}

/**
 * One kind of scheduled work (trial-end notices, schedule phases, pending-update expiry…): the
 * next occurrence on a clock (null = the real clock), or null. `processTime` asks every source
 * registered on the core and runs the earliest occurrence first.
 */
export type TimeSource = (core: Core, clockId: string | null) => { at: number; run: () => void } | null;
