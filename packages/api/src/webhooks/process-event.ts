import { webhookEventsRepo, type LedgerEntry } from '@portal/db';
import type Stripe from 'stripe';
import type { Deps } from '../context';
import { createBatcher } from './batcher';
import { createFreshReads } from './fresh-reads';
import { resolverFor, type ChangeTarget } from './resolve-target';

export type EventOutcome = 'applied' | 'duplicate' | 'ignored';

export interface EventProcessor {
  /** Resolves once the event is committed (or known to be a duplicate): only then may the caller answer 2xx. */
  process(event: Stripe.Event): Promise<EventOutcome>;
}

export interface EventProcessorOptions {
  /** Most events committed by one transaction. */
  maxBatch?: number;
}

interface Claim {
  event: Stripe.Event;
  target: ChangeTarget | null;
}

/**
 * Applies verified Stripe events exactly once (docs/decisions/003 and 009). Per event: find whose
 * billing it touched (`resolve-target.ts`: from the signed payload, or re-read from Stripe where the
 * owner can change), then one statement that claims the event id in the ledger and, only if the
 * claim is new, writes the effect (the audit row) and marks the customer's mirror stale. A copy of the event committed before, here or on another instance, loses the claim and
 * is answered `duplicate`. Changes are pushed to the SPA only after commit, and the caller answers
 * 2xx only after `process` resolves.
 *
 * Under load the work is shared between events without weakening any of that:
 * - a delivery of an id already being processed here waits for it and answers `duplicate` once it
 *   committed (if it failed, the delivery tries again itself);
 * - commits are grouped (group commit: the events that arrived while the previous statement ran
 *   go in the next one), and each event still waits for its own commit;
 * - a re-read of one object is shared by the events that arrived before it started
 *   (`fresh-reads.ts`).
 */
export function createEventProcessor(deps: Deps, opts: EventProcessorOptions = {}): EventProcessor {
  const inFlight = new Map<string, Promise<EventOutcome>>();
  const reads = createFreshReads();

  // One statement per batch: ledger claims, audit rows and the mirror's stale marks, committed together.
  const commits = createBatcher<Claim, boolean>(
    async (claims) => {
      const entries = claims.map(({ event, target }): LedgerEntry => {
        const customerId = target?.customerId ?? null;
        return {
          eventId: event.id,
          type: event.type,
          // The same statement marks the customer's mirror stale (if they are mirrored).
          audit: target ? { customerId, objectId: target.id } : null,
          notify: null,
        };
      });
      const claimed = await webhookEventsRepo(deps.db).record(entries);
      // `record` claims only the first copy of an id in a batch.
      const taken = new Set<string>();
      return claims.map(({ event }) => claimed.has(event.id) && !taken.has(event.id) && Boolean(taken.add(event.id)));
    },
    { maxBatch: opts.maxBatch ?? 128 },
  );

  async function apply(event: Stripe.Event): Promise<EventOutcome> {
    const resolver = resolverFor(event.type);
    const target = resolver ? await resolver(deps, event, reads) : null;
    // The ledger decides: a copy of the event committed earlier (here or on another instance) loses.
    if (!(await commits.add({ event, target }))) return 'duplicate';
    if (!target) return 'ignored';
    // The sync runs after the answer: Stripe is not kept waiting on our reads of it. Until it
    // commits, a read of this customer (on any instance) sees the mirror is stale and waits for it.
    if (target.customerId && deps.mirror) {
      const customerId = target.customerId;
      deps.mirror
        .refresh(customerId)
        .catch((error: unknown) => deps.log.warn({ err: error, customerId }, 'mirror sync after a webhook failed'));
    }
    if (target.customerId && target.resource) {
      deps.changes.publish(target.customerId, {
        type: event.type,
        resource: target.resource,
        id: target.id,
        at: deps.now().toISOString(),
      });
    }
    return 'applied';
  }

  return {
    async process(event) {
      // Another delivery of this id is being processed here: its outcome decides this one's.
      for (let current = inFlight.get(event.id); current; current = inFlight.get(event.id)) {
        if (
          await current.then(
            () => true,
            () => false,
          )
        )
          return 'duplicate';
      }
      const processing = apply(event);
      inFlight.set(event.id, processing);
      try {
        return await processing;
      } finally {
        if (inFlight.get(event.id) === processing) inFlight.delete(event.id);
      }
    },
  };
}

const processors = new WeakMap<Deps, EventProcessor>();

/** `createEventProcessor(deps).process(event)`, with one processor kept per `deps` object. */
export function processStripeEvent(deps: Deps, event: Stripe.Event): Promise<EventOutcome> {
  let processor = processors.get(deps);
  if (!processor) {
    processor = createEventProcessor(deps);
    processors.set(deps, processor);
  }
  return processor.process(event);
}
