import pg from 'pg';

/**
 * Serialises the money-changing work of one customer (issue 15, item 3). Two confirms decided on
 * reads taken before each other's change gave alternating charges and credits; holding this lock
 * from the fresh Stripe read to the Stripe write makes every decision see the previous change.
 */
export interface CustomerLocks {
  /** Runs `work` while no other holder of `key` runs, on this instance or (Postgres) any other. */
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Raised when a lock could not be had in time; the caller answers "busy, try again". */
export class CustomerLockTimeout extends Error {
  constructor(key: string) {
    super(`Timed out waiting for the lock on ${key}`);
    this.name = 'CustomerLockTimeout';
  }
}

/**
 * A FIFO queue per key inside this process. It comes first on Postgres too, so an instance spends
 * at most one lock connection per customer however many of that customer's requests it holds.
 */
export function inProcessLocks(): CustomerLocks {
  const tails = new Map<string, Promise<void>>();
  return {
    async run(key, work) {
      const previous = tails.get(key) ?? Promise.resolve();
      let release!: () => void;
      const mine = new Promise<void>((resolve) => (release = resolve));
      const tail = previous.then(() => mine);
      tails.set(key, tail);
      await previous;
      try {
        return await work();
      } finally {
        release();
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
    async close() {},
  };
}

/**
 * Session advisory locks (`pg_advisory_lock`) on connections of their own pool: the holder's work
 * uses the main pool, so waiters parked on the lock can never starve the holder of a connection.
 * A crashed instance's lock goes with its connection. `lock_timeout` bounds the wait.
 */
export function postgresLocks(url: string, opts: { maxConnections?: number; timeoutMs?: number } = {}): CustomerLocks {
  const pool = new pg.Pool({ connectionString: url, max: opts.maxConnections ?? 5 });
  // An idle lock connection that breaks holds no lock any more; pg drops it from the pool. Without
  // a listener the pool's 'error' event would crash the process.
  pool.on('error', () => {});
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const local = inProcessLocks();
  return {
    run(key, work) {
      return local.run(key, async () => {
        const client = await pool.connect();
        let locked = false;
        try {
          await client.query(`set lock_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
          await client
            .query('select pg_advisory_lock(hashtextextended($1, 0))', [key])
            .catch((error: { code?: string }) => {
              // 55P03 lock_not_available: lock_timeout expired.
              throw error.code === '55P03' ? new CustomerLockTimeout(key) : error;
            });
          locked = true;
          return await work();
        } finally {
          if (locked) {
            await client.query('select pg_advisory_unlock(hashtextextended($1, 0))', [key]).then(
              () => client.release(),
              // A connection that cannot unlock is closed: Postgres then drops its locks.
              (error: Error) => client.release(error),
            );
          } else client.release();
        }
      });
    },
    close: () => pool.end(),
  };
}
