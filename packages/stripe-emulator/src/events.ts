import type { EmulatorClock } from './clock.js';
import { API_VERSION } from './http/wire.js';
import { newId } from './ids.js';
import type { Store, StripeObject } from './store.js';

export type EventListener = (event: StripeObject) => void;

/** The API request an event is attributed to (`event.request`). */
export interface EventCause {
  id: string;
  idempotencyKey: string | null;
}

/**
 * Events wait here until the request that caused them commits (see `Transactions`): only then
 * are they stored in `published` and handed to listeners (webhook delivery), so a request that
 * fails never announces anything.
 */
export class EventOutbox {
  private readonly queued: StripeObject[] = [];
  private readonly listeners: EventListener[] = [];
  /** Set by the request pipeline while an endpoint runs; null otherwise (internal `call`s, scheduled work before the endpoint). */
  cause: EventCause | null = null;

  constructor(
    /** Objects are rendered from here into the event's snapshot. */
    private readonly store: Store,
    private readonly published: Store,
    private readonly clock: EmulatorClock,
  ) {}

  onEvent(listener: EventListener): void {
    this.listeners.push(listener);
  }

  /** Queues an event (`customer.created`…) carrying a snapshot of the object as it is now. */
  queue(type: string, obj: StripeObject, previousAttributes?: Record<string, unknown>): StripeObject {
    const event: StripeObject = {
      id: newId('evt'),
      object: 'event',
      api_version: API_VERSION,
      created: this.clock.nowFor(this.testClockOf(obj)),
      data: {
        object: this.store.render(obj),
        ...(previousAttributes && Object.keys(previousAttributes).length > 0
          ? { previous_attributes: previousAttributes }
          : {}),
      },
      livemode: false,
      pending_webhooks: 0,
      request: { id: this.cause?.id ?? null, idempotency_key: this.cause?.idempotencyKey ?? null },
      type,
    };
    this.queued.push(event);
    return event;
  }

  /** The test clock an object lives on: its own, its customer's (intents, charges) or its invoice's (invoice payments). */
  private testClockOf(obj: StripeObject): string | null {
    if (typeof obj.test_clock === 'string') return obj.test_clock;
    const owner =
      typeof obj.customer === 'string'
        ? this.store.get(obj.customer)
        : typeof obj.invoice === 'string'
          ? this.store.get(obj.invoice)
          : undefined;
    return typeof owner?.test_clock === 'string' ? owner.test_clock : null;
  }

  /** How many events are queued: a mark to roll back to with `discardAfter`. */
  get mark(): number {
    return this.queued.length;
  }

  /** Drops the events queued after `mark` (their request was rolled back). */
  discardAfter(mark: number): void {
    this.queued.splice(mark);
  }

  /** Stores every queued event and notifies listeners. */
  publish(): void {
    const events = this.queued.splice(0);
    for (const e of events) {
      this.published.put(e);
      for (const l of this.listeners) l(e);
    }
  }

  /** Forgets queued events (emulator reset); listeners stay. */
  clear(): void {
    this.queued.length = 0;
  }
}
