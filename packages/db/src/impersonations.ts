import type { Kysely } from 'kysely';
import type { Database, Impersonation } from './schema';

export function impersonationsRepo(db: Kysely<Database>) {
  const active = (supportUserId: string, now: Date) =>
    db
      .selectFrom('impersonations')
      .selectAll()
      .where('support_user_id', '=', supportUserId)
      .where('ended_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('started_at', 'desc');
  return {
    /** The agent's current view-as, if one is running and not expired. */
    active: (supportUserId: string, now: Date): Promise<Impersonation | undefined> =>
      active(supportUserId, now).executeTakeFirst(),
    /** Starts a view-as; an agent views one customer at a time, so any running one ends first. */
    async start(entry: {
      supportUserId: string;
      customerId: string;
      reason: string | null;
      now: Date;
      ttlMs: number;
    }): Promise<Impersonation> {
      return db.transaction().execute(async (trx) => {
        await trx
          .updateTable('impersonations')
          .set({ ended_at: entry.now })
          .where('support_user_id', '=', entry.supportUserId)
          .where('ended_at', 'is', null)
          .execute();
        return trx
          .insertInto('impersonations')
          .values({
            support_user_id: entry.supportUserId,
            customer_id: entry.customerId,
            reason: entry.reason,
            started_at: entry.now,
            expires_at: new Date(entry.now.getTime() + entry.ttlMs),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
      });
    },
    /** Ends the agent's running view-as; returns it, or undefined when none was running. */
    async stop(supportUserId: string, now: Date): Promise<Impersonation | undefined> {
      return db
        .updateTable('impersonations')
        .set({ ended_at: now })
        .where('support_user_id', '=', supportUserId)
        .where('ended_at', 'is', null)
        .where('expires_at', '>', now)
        .returningAll()
        .executeTakeFirst();
    },
  };
}
