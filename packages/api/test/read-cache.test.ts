import { createDb, type DbHandle } from '@portal/db';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../src/context';
import { createReadCache, type ReadCache } from '../src/read-cache/read-cache';
import { processStripeEvent } from '../src/webhooks/process-event';
import { fixtures, key } from './fixtures';
import { apiHarness } from './harness';

let h: Awaited<ReturnType<typeof apiHarness>>;
let f: ReturnType<typeof fixtures>;
let cached: Partial<Deps> & { readCache: ReadCache };
beforeAll(async () => {
  h = await apiHarness();
  f = fixtures(h);
  cached = { readCache: createReadCache() };
});
afterAll(() => h.close());

/** Stripe requests the emulator answered since the last call: the ground truth for "0 calls". */
function stripeCalls() {
  let seen = h.emulator.core.requestLog.length;
  return () => {
    const now = h.emulator.core.requestLog.length;
    const count = now - seen;
    seen = now;
    return count;
  };
}

describe('overview read cache', () => {
  it('answers a warm overview without calling Stripe', async () => {
    const { caller } = await f.newCustomer({ cards: ['pm_card_visa'], subscribe: true });
    const api = await caller(cached);
    const calls = stripeCalls();
    const cold = await api.billing.overview();
    expect(calls()).toBeGreaterThan(0);
    const warm = await api.billing.overview();
    expect(calls()).toBe(0);
    expect(warm).toEqual(cold);
  });

  it('is invalidated by a mutation made through the portal', async () => {
    const { caller } = await f.newCustomer({ subscribe: true });
    const api = await caller(cached);
    await api.billing.overview();
    await api.billing.customer.update({ ...key(), name: 'Renamed Through The Portal' });
    expect((await api.billing.overview()).customer.name).toBe('Renamed Through The Portal');
  });

  it('is invalidated by a webhook naming the customer', async () => {
    const { customer, caller } = await f.newCustomer({ subscribe: true });
    const api = await caller(cached);
    const before = await api.billing.overview();
    // Changed in Stripe behind the portal's back (e.g. in the Dashboard): the cache cannot know yet.
    const renamed = await h.stripe.customers.update(customer.id, { name: 'Renamed In The Dashboard' });
    expect((await api.billing.overview()).customer.name).toBe(before.customer.name);

    const event = {
      id: `evt_cache_${customer.id}`,
      object: 'event',
      type: 'customer.updated',
      data: { object: renamed },
    } as unknown as Stripe.Event;
    expect(await processStripeEvent({ ...h.deps, ...cached }, event)).toBe('applied');
    expect((await api.billing.overview()).customer.name).toBe('Renamed In The Dashboard');
  });
});

describe('createReadCache', () => {
  const counting = () => {
    let loads = 0;
    return { load: async () => ++loads, loads: () => loads };
  };

  it('holds at most maxCustomers, dropping the least recently read', async () => {
    const cache = createReadCache({ maxCustomers: 3 });
    const a = counting();
    for (const id of ['cus_1', 'cus_2', 'cus_3']) await cache.read(id, 'overview', a.load);
    await cache.read('cus_1', 'overview', a.load); // cus_1 is now the most recent
    await cache.read('cus_4', 'overview', a.load); // evicts cus_2
    expect(cache.size).toBe(3);
    expect(a.loads()).toBe(4);
    await cache.read('cus_1', 'overview', a.load);
    await cache.read('cus_3', 'overview', a.load);
    expect(a.loads()).toBe(4);
    await cache.read('cus_2', 'overview', a.load);
    expect(a.loads()).toBe(5);
    expect(cache.size).toBe(3);
  });

  it('does not keep a value whose load raced an invalidation', async () => {
    const cache = createReadCache();
    let release!: (v: string) => void;
    const stale = cache.read('cus_1', 'overview', () => new Promise<string>((r) => (release = r)));
    await cache.invalidate('cus_1');
    release('stale');
    expect(await stale).toBe('stale');
    expect(await cache.read('cus_1', 'overview', async () => 'fresh')).toBe('fresh');
  });

  it('shares one load between concurrent cold reads', async () => {
    const cache = createReadCache();
    const c = counting();
    await Promise.all([cache.read('cus_1', 's', c.load), cache.read('cus_1', 's', c.load)]);
    expect(c.loads()).toBe(1);
  });

  describe('across instances (LISTEN/NOTIFY on one PGlite database)', () => {
    let db: DbHandle;
    beforeAll(async () => {
      db = await createDb({ kind: 'pglite' });
    });
    afterAll(() => db.close());

    it('drops a customer when another instance invalidates it', async () => {
      let heard!: (customerId: string | null) => void;
      const remote = new Promise<string | null>((resolve) => (heard = resolve));
      const a = createReadCache({ notifier: db.notifier, onRemoteInvalidation: (id) => heard(id) });
      const b = createReadCache({ notifier: db.notifier });
      await Promise.all([a.start(), b.start()]);
      const c = counting();
      await a.read('cus_x', 'overview', c.load);
      await a.read('cus_x', 'overview', c.load);
      expect(c.loads()).toBe(1);

      await b.invalidate('cus_x');
      expect(await remote).toBe('cus_x');
      await a.read('cus_x', 'overview', c.load);
      expect(c.loads()).toBe(2);
      await Promise.all([a.close(), b.close()]);
    });

    it('drops everything, and runs onInvalidateAll, when another instance invalidates all', async () => {
      let heard!: () => void;
      const remote = new Promise<void>((resolve) => (heard = resolve));
      let catalogDropped = 0;
      const a = createReadCache({
        notifier: db.notifier,
        onInvalidateAll: () => catalogDropped++,
        onRemoteInvalidation: () => heard(),
      });
      const b = createReadCache({ notifier: db.notifier });
      await Promise.all([a.start(), b.start()]);
      await a.read('cus_1', 'overview', async () => 1);
      await a.read('cus_2', 'overview', async () => 2);
      await b.invalidateAll();
      await remote;
      expect(a.size).toBe(0);
      expect(catalogDropped).toBe(1);
      await Promise.all([a.close(), b.close()]);
    });
  });
});
