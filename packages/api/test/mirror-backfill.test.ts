import { mirrorRepo } from '@portal/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backfillMirror, type BackfillProgress } from '../src/mirror/backfill';
import { createMirror, type Mirror } from '../src/mirror/mirror';
import { stripeCalls, useApiSuite } from './suite';

const { h, f } = useApiSuite();
let mirror: Mirror;
beforeAll(() => {
  mirror = createMirror(h.deps, { db: h.deps.db });
});
afterAll(() => mirror.close());

describe('the mirror backfill', () => {
  it('mirrors every linked customer, skips the fresh ones, and resumes after a stop', async () => {
    const customers = await Promise.all([1, 2, 3, 4].map(() => f.newCustomer({ subscribe: true })));
    const ids = customers.map((c) => c.customer.id);
    // One customer visited already: fresh, so not synced again.
    await mirror.read(ids[0]!);

    // A run stopped (Ctrl-C, a crash) after its first sync.
    const stop = new AbortController();
    const stopped = await backfillMirror(h.deps.db, mirror, {
      concurrency: 1,
      signal: stop.signal,
      onProgress: (p) => p.done >= 2 && stop.abort(),
    });
    expect(stopped).toMatchObject({ total: 4, done: 2, failed: 0 });

    const seen: BackfillProgress[] = [];
    const resumed = await backfillMirror(h.deps.db, mirror, { onProgress: (p) => seen.push(p) });
    expect(resumed).toMatchObject({ total: 4, done: 4, failed: 0 });
    expect(seen[0]).toMatchObject({ total: 4, done: 2 }); // it started where the stopped run ended
    expect(seen.at(-1)!.etaMs).toBe(0);
    for (const id of ids) {
      const state = await mirrorRepo(h.deps.db).state(id);
      expect(state!.syncedVersion >= state!.dirtyVersion).toBe(true);
    }

    // Everyone is fresh: a visit reads no Stripe, and another run has nothing to do (this test's
    // catalog lives in memory only, so one visit loads it first).
    await (await customers[0]!.caller({ mirror })).billing.overview();
    const calls = stripeCalls(h);
    await (await customers[3]!.caller({ mirror })).billing.overview();
    expect(await backfillMirror(h.deps.db, mirror)).toMatchObject({ total: 4, done: 4 });
    expect(calls()).toEqual([]);
  });
});
