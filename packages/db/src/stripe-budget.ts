import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

export interface StripeBudgetOptions {
  /** The bucket's name: instances sharing a Stripe account share one name. */
  name?: string;
  /** Requests per second the bucket refills at (set below Stripe's limit: test mode 25/s, live 100/s). */
  perSecond: number;
  /** Most requests spent at once after a quiet spell. */
  burst?: number;
}

export type BudgetPriority = 'user' | 'background';

export interface StripeBudget {
  /**
   * Waits until `requests` may be sent. A user who is waiting goes first: their request may
   * overdraw the bucket (down to minus one burst), which background work then waits out.
   */
  take(requests: number, priority: BudgetPriority, signal?: AbortSignal): Promise<void>;
}

/**
 * One token bucket of Stripe requests in the database, shared by every instance that uses it: an
 * update refills it by the time elapsed since the last one and takes the requests if there are
 * enough, in one statement, so two instances never spend the same tokens.
 */
export function stripeBudget(db: Kysely<Database>, opts: StripeBudgetOptions): StripeBudget {
  const name = opts.name ?? 'stripe';
  const rate = opts.perSecond;
  const burst = opts.burst ?? rate;
  const refilled = sql<number>`least(${burst}::float8, tokens + extract(epoch from clock_timestamp() - updated_at)::float8 * ${rate}::float8)`;
  let created = false;

  async function tryTake(requests: number, floor: number): Promise<number> {
    if (!created) {
      await db
        .insertInto('stripe_budget')
        .values({ name, tokens: burst, updated_at: sql`clock_timestamp()` as never })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      created = true;
    }
    const taken = await db
      .updateTable('stripe_budget')
      .set({ tokens: sql`${refilled} - ${requests}::float8` as never, updated_at: sql`clock_timestamp()` as never })
      .where('name', '=', name)
      .where(sql<boolean>`${refilled} - ${requests}::float8 >= ${floor}::float8`)
      .returning('tokens')
      .executeTakeFirst();
    if (taken) return 0;
    const row = await db
      .selectFrom('stripe_budget')
      .select(refilled.as('available'))
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    // Seconds until the bucket holds enough, at least a few milliseconds so waiters do not spin.
    return Math.max(0.005, (requests + floor - Number(row.available)) / rate);
  }

  return {
    async take(requests, priority, signal) {
      const floor = priority === 'user' ? -burst : 0;
      for (;;) {
        signal?.throwIfAborted();
        const waitSeconds = await tryTake(requests, floor);
        if (waitSeconds === 0) return;
        await new Promise((resolve) => setTimeout(resolve, waitSeconds * 1000));
      }
    },
  };
}
