import { eventCursorRepo, webhookEventsRepo, type StripeBudget } from '@portal/db';
import type Stripe from 'stripe';
import type { Deps } from '../context';
import { processStripeEvent } from './process-event';

export interface EventsSweepOptions {
  /** How often Stripe's event list is read (default 5 minutes). */
  everyMs?: number;
  /**
   * Events created this long before the newest one applied are listed again: Stripe's `created`
   * is the second the event happened, and an event can become listable after a later one was.
   */
  overlapSeconds?: number;
  budget?: StripeBudget;
}

export interface EventsSweep {
  /** Lists the events since the cursor and applies the ones the ledger lacks; returns how many. */
  sweepOnce(): Promise<number>;
  start(): void;
  close(): Promise<void>;
}

/**
 * Recovers webhooks lost in transit (issue 19) without waiting for Stripe's retries: Stripe's
 * `events.list` since the newest event applied, every event the ledger lacks applied through the
 * webhook path itself (so an event is never applied twice, whether the webhook or a sweep on any
 * instance came first). The first sweep of a database only sets the cursor: history before the
 * portal ran is the backfill's, not the sweep's.
 */
export function createEventsSweep(deps: Deps, opts: EventsSweepOptions = {}): EventsSweep {
  const cursor = eventCursorRepo(deps.db);
  const ledger = webhookEventsRepo(deps.db);
  const overlap = opts.overlapSeconds ?? 60;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  async function listSince(created: number): Promise<Stripe.Event[]> {
    const events: Stripe.Event[] = [];
    for await (const event of deps.stripe.events.list({ created: { gte: created }, limit: 100 })) {
      // One request per page of 100, from the budget every instance shares.
      if (events.length % 100 === 0) await opts.budget?.take(1, 'background');
      events.push(event);
    }
    return events;
  }

  async function sweep(): Promise<number> {
    const since = await cursor.get();
    if (since === null) {
      const newest = await deps.stripe.events.list({ limit: 1 });
      await cursor.advance(newest.data[0]?.created ?? Math.floor(deps.now().getTime() / 1000));
      return 0;
    }
    // Stripe lists newest first; apply oldest first, as the webhooks would have come. The overlap
    // never reaches back before the first sweep: older events predate the portal.
    const events = (await listSince(Math.max(since.created - overlap, since.started + 1))).reverse();
    const seen = await ledger.seenOf(events.map((e) => e.id));
    let applied = 0;
    for (const event of events) {
      if (seen.has(event.id)) continue;
      if ((await processStripeEvent(deps, event)) === 'applied') applied += 1;
      // The cursor moves as events are applied, so a crash mid-sweep resumes where it stopped.
      await cursor.advance(event.created);
    }
    if (applied > 0) deps.log.info({ applied }, 'events sweep applied events no webhook had delivered');
    return applied;
  }

  function sweepOnce(): Promise<number> {
    // One sweep at a time per instance; a caller during one waits for it.
    running ??= sweep().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    sweepOnce,
    start() {
      const run = () => sweepOnce().catch((error: unknown) => deps.log.warn({ err: error }, 'events sweep failed'));
      void run();
      timer = setInterval(run, opts.everyMs ?? 5 * 60_000);
      timer.unref();
    },
    async close() {
      if (timer) clearInterval(timer);
      await running?.catch(() => {});
    },
  };
}
