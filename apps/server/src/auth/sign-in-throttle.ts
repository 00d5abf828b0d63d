import { signInAttemptsRepo, type Database } from '@portal/db';
import type { Kysely } from 'kysely';

/**
 * Per-account limits on password sign-in, kept in the database so they hold whatever address the
 * guesses come from and whichever instance answers them:
 * - every failure is answered more slowly than the one before (0.2 s, 0.4 s, 0.8 s … up to 3 s);
 * - from the 5th consecutive failure the account is refused for 30 s, doubling with each further
 *   failure up to 15 minutes (short enough that an attacker cannot lock a user out for long);
 * - a success, or 15 minutes without a failure, starts the count afresh.
 */
export const LOCK_AFTER_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;
const MAX_LOCK_MS = 15 * 60_000;

export const failureDelayMs = (failures: number) => Math.min(3000, 200 * 2 ** (failures - 1));
const lockMs = (failures: number) => Math.min(MAX_LOCK_MS, 30_000 * 2 ** (failures - LOCK_AFTER_FAILURES));

export function signInThrottle(db: Kysely<Database>, now: () => Date = () => new Date()) {
  const repo = signInAttemptsRepo(db);
  const account = (email: string) => email.trim().toLowerCase();
  return {
    /** Seconds the account must wait before another attempt, or null when it may try now. */
    async retryAfterSeconds(email: string): Promise<number | null> {
      const until = await repo.lockedUntil(account(email), now());
      return until ? Math.max(1, Math.ceil((until.getTime() - now().getTime()) / 1000)) : null;
    },
    /** Counts a failure and waits the failure's delay before the caller answers. */
    async failed(email: string): Promise<void> {
      const failures = await repo.recordFailure(account(email), now(), WINDOW_MS);
      if (failures >= LOCK_AFTER_FAILURES)
        await repo.lock(account(email), new Date(now().getTime() + lockMs(failures)));
      await new Promise((resolve) => setTimeout(resolve, failureDelayMs(failures)));
    },
    succeeded: (email: string) => repo.reset(account(email)),
  };
}
