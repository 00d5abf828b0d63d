import { mirrorRepo, type Database } from '@portal/db';
import type { Kysely } from 'kysely';
import type { Mirror } from './mirror';

export interface BackfillProgress {
  /** Customers linked to a portal user. */
  total: number;
  /** Of those, fresh in the mirror (synced by this run or before it). */
  done: number;
  /** Syncs that failed in this run; the customer is synced on their first visit instead. */
  failed: number;
  startedAt: number;
  /** Milliseconds left at this run's pace; null until one sync has finished. */
  etaMs: number | null;
}

export interface BackfillOptions {
  /** Syncs running at once; the shared Stripe budget sets the real pace. */
  concurrency?: number;
  onProgress?: (progress: BackfillProgress) => void;
  signal?: AbortSignal;
}

/**
 * Mirrors every customer a portal user is linked to (issue 19: an existing account's first
 * visits are then warm). Resumable: customers already fresh are skipped, so a run stopped by a
 * crash or Ctrl-C continues where it was. The portal keeps serving meanwhile: an unsynced
 * customer is synced on their first visit, and a visitor's sync goes ahead of the backfill's.
 */
export async function backfillMirror(
  db: Kysely<Database>,
  mirror: Mirror,
  opts: BackfillOptions = {},
): Promise<BackfillProgress> {
  const linked = await mirrorRepo(db).linkedCustomers();
  const todo = linked.filter((c) => !c.fresh).map((c) => c.customerId);
  const progress: BackfillProgress = {
    total: linked.length,
    done: linked.length - todo.length,
    failed: 0,
    startedAt: Date.now(),
    etaMs: null,
  };
  let synced = 0;
  let next = 0;
  const report = () => {
    const elapsed = Date.now() - progress.startedAt;
    const left = todo.length - synced - progress.failed;
    progress.etaMs = synced > 0 ? Math.round((elapsed / synced) * left) : null;
    opts.onProgress?.({ ...progress });
  };
  report();
  const worker = async () => {
    while (next < todo.length && !opts.signal?.aborted) {
      const customerId = todo[next++]!;
      try {
        await mirror.ensure(customerId);
        synced += 1;
        progress.done += 1;
      } catch {
        progress.failed += 1;
      }
      report();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, worker));
  return { ...progress };
}
