import { afterAll, describe, expect, it } from 'vitest';
import { inProcessLocks, postgresLocks, type CustomerLocks } from '../src/customer-locks';
import { postgresAvailable, postgresUrl } from './test-env';

const pgUp = await postgresAvailable();

/** Runs `n` overlapping holders of one key spread over `locks`; returns the most that ran at once. */
async function peakOverlap(locks: CustomerLocks[], n: number): Promise<number> {
  let running = 0;
  let peak = 0;
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      locks[i % locks.length]!.run('customer:cus_same', async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
      }),
    ),
  );
  return peak;
}

describe('customer locks', () => {
  it('in one process: holders of one key never overlap, other keys do not wait', async () => {
    const locks = inProcessLocks();
    expect(await peakOverlap([locks], 20)).toBe(1);
    let second = false;
    await locks.run('a', async () => {
      await locks.run('b', async () => {
        second = true;
      });
    });
    expect(second).toBe(true);
  });

  describe.runIf(pgUp)('on Postgres, across instances', () => {
    const instances = [postgresLocks(postgresUrl), postgresLocks(postgresUrl)];
    afterAll(() => Promise.all(instances.map((l) => l.close())));

    it('two lock managers (two servers) sharing one database never overlap on one key', async () => {
      expect(await peakOverlap(instances, 20)).toBe(1);
    });

    it('a holder that throws still releases the lock', async () => {
      await expect(instances[0]!.run('customer:cus_throw', () => Promise.reject(new Error('boom')))).rejects.toThrow(
        'boom',
      );
      await expect(instances[1]!.run('customer:cus_throw', async () => 'free')).resolves.toBe('free');
    });
  });
});
