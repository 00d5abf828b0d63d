import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
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
  close(): Promise<void>;
}

/** Opens the database and brings its schema up to date before anyone can query it. */
export async function createDb(options: DbOptions): Promise<DbHandle> {
  let db: Kysely<Database>;
  let notifier: Notifier;
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: options.url, max: 10 });
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    notifier = postgresNotifier(db, options.url);
  } else {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    const pglite = new PGlite(options.dataDir);
    await pglite.waitReady;
    db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    notifier = pgliteNotifier(db, pglite);
  }
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    db,
    kind: options.kind,
    notifier,
    close: async () => {
      await notifier.close();
      await db.destroy();
    },
  };
}
