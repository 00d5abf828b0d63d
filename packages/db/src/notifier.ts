import type { PGlite } from '@electric-sql/pglite';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

/**
 * Postgres LISTEN/NOTIFY as a small interface, so server instances sharing a database can tell each
 * other that cached reads went stale (DESIGN decision 7). Payloads are short strings (Postgres caps
 * them at 8000 bytes); delivery is at most once, so receivers must tolerate a missed message.
 */
export interface Notifier {
  notify(channel: string, payload: string): Promise<void>;
  /** Resolves once the subscription is active; the returned function ends it. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * Called when the listening connection was lost and re-established: notifications sent in
   * between are gone, so a cache should drop everything it holds.
   */
  onReconnect(handler: () => void): void;
  close(): Promise<void>;
}

/**
 * NOTIFY goes through Kysely so that on PGlite it waits its turn behind an open transaction.
 * Calls made while one NOTIFY statement is running are sent together by the next one
 * (`pg_notify` over `unnest`), so a burst of invalidations costs a few statements, not one each;
 * each call resolves once its own notification went out. Postgres folds identical
 * (channel, payload) pairs of one statement into one notification, as receivers need only one.
 */
function notifyVia(db: Kysely<Database>) {
  let queue: { channel: string; payload: string; resolve: () => void; reject: (error: unknown) => void }[] = [];
  let running = false;

  async function drain() {
    while (queue.length > 0) {
      const batch = queue.slice(0, 1000);
      queue = queue.slice(batch.length);
      const pairs = new Map(batch.map((n) => [`${n.channel}\u0000${n.payload}`, n]));
      const channels = [...pairs.values()].map((n) => n.channel);
      const payloads = [...pairs.values()].map((n) => n.payload);
      try {
        await sql`select pg_notify(n.channel, n.payload) from unnest(${channels}::text[], ${payloads}::text[]) as n(channel, payload)`.execute(
          db,
        );
        for (const n of batch) n.resolve();
      } catch (error) {
        for (const n of batch) n.reject(error);
      }
    }
    running = false;
  }

  return (channel: string, payload: string) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ channel, payload, resolve, reject });
      if (running) return;
      running = true;
      // After pending I/O, so that calls made meanwhile (a batch of webhooks) share the statement.
      setImmediate(() => void drain());
    });
}

/** PGlite delivers notifications in-process: every cache sharing this database hears them. */
export function pgliteNotifier(db: Kysely<Database>, pglite: PGlite): Notifier {
  return {
    notify: notifyVia(db),
    async listen(channel, onPayload) {
      // PGlite has one session: hold the driver's connection so LISTEN never lands inside
      // somebody else's transaction (and is rolled back with it).
      const stop = await db.connection().execute(() => pglite.listen(channel, onPayload));
      return async () => {
        // Closing order is the host's business: after the database closed there is nothing to end.
        if (!pglite.closed) await db.connection().execute(() => stop());
      };
    },
    onReconnect() {
      // One in-process session: it cannot be lost without the database itself closing.
    },
    async close() {},
  };
}

/**
 * A pool connection cannot hold LISTEN (it goes back to the pool), so listening uses one dedicated
 * client, opened on first `listen` and re-opened after an error with a capped backoff.
 */
export function postgresNotifier(db: Kysely<Database>, url: string, opts: { retryMs?: number } = {}): Notifier {
  const channels = new Map<string, Set<(payload: string) => void>>();
  const reconnectHandlers: (() => void)[] = [];
  let client: pg.Client | null = null;
  let connecting: Promise<pg.Client> | null = null;
  let closed = false;
  let failures = 0;

  async function connect(): Promise<pg.Client> {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (msg) => {
      for (const handler of channels.get(msg.channel) ?? []) handler(msg.payload ?? '');
    });
    c.on('error', () => scheduleReconnect(c));
    c.on('end', () => scheduleReconnect(c));
    await c.connect();
    for (const channel of channels.keys()) await c.query(`listen ${ident(channel)}`);
    failures = 0;
    return c;
  }

  function ensure(): Promise<pg.Client> {
    if (client) return Promise.resolve(client);
    connecting ??= connect().then(
      (c) => {
        client = c;
        connecting = null;
        return c;
      },
      (error: unknown) => {
        connecting = null;
        throw error;
      },
    );
    return connecting;
  }

  function scheduleReconnect(lost: pg.Client) {
    if (closed || client !== lost) return;
    client = null;
    lost.end().catch(() => {});
    retry();
  }

  function retry() {
    const delay = Math.min(30_000, (opts.retryMs ?? 500) * 2 ** failures++);
    setTimeout(() => {
      if (closed) return;
      ensure().then(() => reconnectHandlers.forEach((h) => h()), retry);
    }, delay).unref();
  }

  return {
    notify: notifyVia(db),
    async listen(channel, onPayload) {
      const set = channels.get(channel) ?? new Set();
      const first = set.size === 0;
      set.add(onPayload);
      channels.set(channel, set);
      const c = await ensure();
      if (first) await c.query(`listen ${ident(channel)}`);
      return async () => {
        set.delete(onPayload);
        if (set.size > 0) return;
        channels.delete(channel);
        await client?.query(`unlisten ${ident(channel)}`);
      };
    },
    onReconnect(handler) {
      reconnectHandlers.push(handler);
    },
    async close() {
      closed = true;
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}

/** Channel names are ours, never user input; quoting still keeps them from being read as SQL. */
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
