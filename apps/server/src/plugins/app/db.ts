import { createDb, type CustomerLocks, type Database, type Notifier } from '@portal/db';
import type { Kysely } from 'kysely';
import fp from 'fastify-plugin';
import path from 'node:path';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
    /** LISTEN/NOTIFY on the same database: how instances invalidate each other's read caches. */
    dbNotifier: Notifier;
    /** Serialises each customer's mutations across every instance sharing the database. */
    dbLocks: CustomerLocks;
  }
}

/** PGlite in a folder by default; Postgres when DATABASE_URL is set. Migrated before use. */
export default fp<{ databaseUrl: string | undefined; dataDir: string | null }>(
  async (app, opts) => {
    const handle = opts.databaseUrl
      ? await createDb({ kind: 'postgres', url: opts.databaseUrl })
      : await createDb({ kind: 'pglite', ...(opts.dataDir ? { dataDir: path.resolve(opts.dataDir, 'pglite') } : {}) });
    app.decorate('db', handle.db);
    app.decorate('dbNotifier', handle.notifier);
    app.decorate('dbLocks', handle.locks);
    app.addHook('onClose', () => handle.close());
  },
  { name: 'db' },
);
