import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

/** Failed password sign-ins per account; one row per account that failed recently. */
export function signInAttemptsRepo(db: Kysely<Database>) {
  return {
    /** Until when the account is refused, or null. */
    async lockedUntil(account: string, now: Date): Promise<Date | null> {
      const row = await db
        .selectFrom('sign_in_attempts')
        .select('locked_until')
        .where('account', '=', account)
        .executeTakeFirst();
      return row?.locked_until && row.locked_until > now ? row.locked_until : null;
    },
    /**
     * Counts one failure atomically (concurrent guesses each count, on any instance) and answers
     * the consecutive count. A failure more than `windowMs` after the previous one starts afresh.
     */
    async recordFailure(account: string, now: Date, windowMs: number): Promise<number> {
      const staleBefore = new Date(now.getTime() - windowMs);
      const row = await db
        .insertInto('sign_in_attempts')
        .values({ account, failures: 1, last_failure_at: now, locked_until: null })
        .onConflict((oc) =>
          oc.column('account').doUpdateSet({
            failures: sql<number>`case when sign_in_attempts.last_failure_at < ${staleBefore} then 1 else sign_in_attempts.failures + 1 end`,
            last_failure_at: now,
          }),
        )
        .returning('failures')
        .executeTakeFirstOrThrow();
      return row.failures;
    },
    async lock(account: string, until: Date): Promise<void> {
      await db.updateTable('sign_in_attempts').set({ locked_until: until }).where('account', '=', account).execute();
    },
    async reset(account: string): Promise<void> {
      await db.deleteFrom('sign_in_attempts').where('account', '=', account).execute();
    },
  };
}
