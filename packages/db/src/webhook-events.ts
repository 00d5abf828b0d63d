import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** The webhook event ledger: Stripe delivers at least once, the ledger makes each id count once. */
export function webhookEventsRepo(db: Kysely<Database>) {
  return {
    async seen(eventId: string): Promise<boolean> {
      const row = await db.selectFrom('webhook_events').select('event_id').where('event_id', '=', eventId).executeTakeFirst();
      return row !== undefined;
    },
    /**
     * Records the event id; false when another delivery already did. Call it first inside the
     * transaction that applies the event's effect, so a lost race rolls the effect back.
     */
    async claim(eventId: string, type: string): Promise<boolean> {
      const row = await db
        .insertInto('webhook_events')
        .values({ event_id: eventId, type })
        .onConflict((oc) => oc.column('event_id').doNothing())
        .returning('event_id')
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
