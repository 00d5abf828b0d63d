import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createDb, type DbHandle } from '../src/index';

/**
 * The db suite runs against PGlite always and against a real Postgres when one answers at
 * TEST_DATABASE_URL (default: the local server CI machines run). Each run gets its own schema.
 */
export const postgresUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Creates an empty schema and returns a URL whose connections use it. */
export async function freshSchemaUrl(): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: postgresUrl });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}

/** A database a suite can run on: `open` makes a fresh, migrated one, `drop` removes what it made. */
export interface DbTarget {
  /** For test titles: `pglite` or `postgres`. */
  name: string;
  /** The same, as prose spells it. */
  title: string;
  open(): Promise<{ handle: DbHandle; drop(): Promise<void> }>;
}

/** PGlite always; Postgres too when one answers at `postgresUrl` (each `open` in a schema of its own). */
export async function dbTargets(): Promise<DbTarget[]> {
  const pglite: DbTarget = {
    name: 'pglite',
    title: 'PGlite',
    open: async () => ({ handle: await createDb({ kind: 'pglite' }), drop: async () => {} }),
  };
  if (!(await postgresAvailable())) {
    console.warn(`db: Postgres not reachable at ${postgresUrl}; running on PGlite only`);
    return [pglite];
  }
  const postgres: DbTarget = {
    name: 'postgres',
    title: 'Postgres',
    open: async () => {
      const schema = await freshSchemaUrl();
      return { handle: await createDb({ kind: 'postgres', url: schema.url }), drop: schema.drop };
    },
  };
  return [pglite, postgres];
}

/**
 * Opens `target` before the first test of the calling describe block and closes and drops it
 * after the last. The handle is returned at once, while tests are still being collected, and
 * filled in place when `beforeAll` runs, so tests and hooks registered after this call use it as
 * an ordinary handle (`afterAll` hooks registered later run before it is closed).
 */
export function useDb(target: DbTarget): DbHandle {
  const handle = {} as DbHandle;
  let drop = async () => {};
  beforeAll(async () => {
    const opened = await target.open();
    Object.assign(handle, opened.handle);
    drop = opened.drop;
  });
  afterAll(async () => {
    await handle.close();
    await drop();
  });
  return handle;
}
