import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { inProcessLocks, postgresLocks, type CustomerLocks } from './customer-locks';
import { migrateToLatest } from './migrations';
import { pgliteNotifier, postgresNotifier, type Notifier } from './notifier';
import { PGliteDialect } from './pglite-dialect';
import type { Database } from './schema';

export type DbOptions =
  | { kind: 'postgres'; url: string }
  /** `dataDir` undefined keeps the database in memory (tests). */
  | { kind: 'pglite'; dataDir?: string };

export interface DbHandle {
  db: Kysely<Database>;
  kind: DbOptions['kind'];
  /** LISTEN/NOTIFY on the same database (in-process on PGlite), for cross-instance cache invalidation. */
  notifier: Notifier;
  /** Per-customer mutual exclusion: advisory locks shared by every instance on Postgres, in-process on PGlite (one process). */
  locks: CustomerLocks;
  close(): Promise<void>;
}

/** Opens the database and brings its schema up to date before anyone can query it. */
export async function createDb(options: DbOptions): Promise<DbHandle> {
  let db: Kysely<Database>;
  let notifier: Notifier;
  let locks: CustomerLocks;
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: options.url, max: 10 });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    notifier = postgresNotifier(db, options.url);
    locks = postgresLocks(options.url);
  } else {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const pglite = new PGlite(options.dataDir);
    await pglite.waitReady;
    db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    notifier = pgliteNotifier(db, pglite);
    // PGlite is one session inside one process: its advisory locks never block that session, so
    // the process's own queue is the lock (no second instance can open the same PGlite folder).
    locks = inProcessLocks();
  }
  try {
    await migrateToLatest(db);
  } catch (error) {
    await locks.close();
    await db.destroy();
    throw error;
  }
  return {
    db,
    kind: options.kind,
    notifier,
    locks,
    close: async () => {
      await notifier.close();
      await locks.close();
      await db.destroy();
    },
  };
}
