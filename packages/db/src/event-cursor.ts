import type { Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * Where the events sweep stands, shared by every instance: the creation time of the newest
 * Stripe event it has applied. Only ever moves forward.
 */
export function eventCursorRepo(db: Kysely<Database>) {
  return {
    /** Unix seconds: the newest event applied, and the cursor's first position; null before the first sweep. */
    async get(): Promise<{ created: number; started: number } | null> {
      const row = await db
        .selectFrom('stripe_event_cursor')
        .select(['created', 'started'])
        .where('id', '=', 1)
        .executeTakeFirst();
      return row ? { created: Number(row.created), started: Number(row.started) } : null;
    },

    async advance(created: number): Promise<void> {
      const now = new Date();
      await db
        .insertInto('stripe_event_cursor')
        .values({ id: 1, created, started: created, swept_at: now })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({
            created: (eb) => eb.fn('greatest', [eb.ref('stripe_event_cursor.created'), eb.val(created)]) as never,
            swept_at: now,
          }),
        )
        .execute();
    },
  };
}
