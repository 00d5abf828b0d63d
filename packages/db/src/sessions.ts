import type { Kysely } from 'kysely';
import type { Database, Session } from './schema';

/**
 * Sign-in sessions. A session is live while it is not revoked, not past its absolute end and was
 * seen within the idle timeout; every check takes `now` and the idle limit from the caller.
 */
export function sessionsRepo(db: Kysely<Database>) {
  return {
    async create(entry: { id: string; userId: string; now: Date; lifetimeMs: number }): Promise<Session> {
      return db
        .insertInto('sessions')
        .values({
          id: entry.id,
          user_id: entry.userId,
          created_at: entry.now,
          last_seen_at: entry.now,
          expires_at: new Date(entry.now.getTime() + entry.lifetimeMs),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    /** The session if it is live at `now`, else undefined. */
    live(id: string, now: Date, idleMs: number): Promise<Session | undefined> {
      return db
        .selectFrom('sessions')
        .selectAll()
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .where('last_seen_at', '>', new Date(now.getTime() - idleMs))
        .executeTakeFirst();
    },
    /** Records activity; never revives a revoked session. */
    async touch(id: string, now: Date): Promise<void> {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: now })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    },
    /** Ends one session; returns its user when it was live. */
    async revoke(id: string, now: Date): Promise<string | undefined> {
      const row = await db
        .updateTable('sessions')
        .set({ revoked_at: now })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .returning('user_id')
        .executeTakeFirst();
      return row?.user_id;
    },
    /** Ends every session of a user ("sign out everywhere"); returns how many were live. */
    async revokeAllFor(userId: string, now: Date): Promise<number> {
      const rows = await db
        .updateTable('sessions')
        .set({ revoked_at: now })
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .returning('id')
        .execute();
      return rows.length;
    },
    /** Deletes sessions that ended before `before` (housekeeping; a revoked id stays refused either way). */
    async deleteEndedBefore(before: Date): Promise<number> {
      const result = await db.deleteFrom('sessions').where('expires_at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
