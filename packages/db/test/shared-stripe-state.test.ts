import { describe, expect, it } from 'vitest';
import { catalogMirrorRepo, eventCursorRepo, stripeBudget } from '../src/index';
import { dbTargets, useDb } from './test-env';

const catalog = (name: string) => ({
  products: [{ id: 'prod_1', object: { id: 'prod_1', name } }],
  prices: [
    { id: 'price_1', object: { id: 'price_1', unit_amount: 900 } },
    { id: 'price_2', object: { id: 'price_2', unit_amount: 2900 } },
  ],
});

describe.each(await dbTargets())('catalog mirror, events cursor and Stripe budget on $title', (target) => {
  const handle = useDb(target);
  const name = target.name;

  it('has no catalog until a sync saves one, and none again once a change makes it stale', async () => {
    const repo = catalogMirrorRepo(handle.db);
    expect(await repo.loadFresh()).toBeNull();
    expect(await repo.save(await repo.begin(), catalog('Pro'))).toBe(true);
    const loaded = await repo.loadFresh();
    expect(loaded?.products).toEqual([{ id: 'prod_1', object: { id: 'prod_1', name: 'Pro' } }]);
    expect(loaded?.prices.map((p) => p.id)).toEqual(['price_1', 'price_2']);
    await repo.markDirty();
    expect(await repo.loadFresh()).toBeNull();
  });

  it('never lets a catalog read before a change overwrite one read after it', async () => {
    const repo = catalogMirrorRepo(handle.db);
    const early = await repo.begin();
    await repo.markDirty();
    const late = await repo.begin();
    expect(await repo.save(late, catalog('Renamed'))).toBe(true);
    expect(await repo.save(early, catalog('Old name'))).toBe(false);
    expect((await repo.loadFresh())?.products[0]?.object).toEqual({ id: 'prod_1', name: 'Renamed' });
  });

  it('moves the events cursor only forward', async () => {
    const cursor = eventCursorRepo(handle.db);
    expect(await cursor.get()).toBeNull();
    await cursor.advance(1_700_000_100);
    await cursor.advance(1_700_000_050);
    expect(await cursor.get()).toEqual({ created: 1_700_000_100, started: 1_700_000_100 });
  });

  it('spends a burst at once, then makes background work wait for the refill', async () => {
    const budget = stripeBudget(handle.db, { name: `t_${name}_1`, perSecond: 20, burst: 10 });
    await budget.take(10, 'background');
    const waited = Date.now();
    await budget.take(5, 'background');
    // Five requests at 20 per second need a quarter of a second of refill.
    expect(Date.now() - waited).toBeGreaterThanOrEqual(200);
  });

  it('lets a waiting user go first: they overdraw, and background work waits out the debt', async () => {
    const budget = stripeBudget(handle.db, { name: `t_${name}_2`, perSecond: 20, burst: 4 });
    await budget.take(4, 'background');
    const done: string[] = [];
    // Both ask an empty bucket at once; the background caller even asks first.
    const background = budget.take(4, 'background').then(() => done.push('background'));
    const user = budget.take(4, 'user').then(() => done.push('user'));
    await Promise.all([background, user]);
    expect(done).toEqual(['user', 'background']);
  });

  it('shares one bucket between instances: two callers never spend the same tokens', async () => {
    const a = stripeBudget(handle.db, { name: `t_${name}_3`, perSecond: 10, burst: 5 });
    const b = stripeBudget(handle.db, { name: `t_${name}_3`, perSecond: 10, burst: 5 });
    const started = Date.now();
    await Promise.all([a.take(5, 'background'), b.take(5, 'background')]);
    // Ten requests from a bucket of five at ten per second: the second five wait ≈ 500 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
  });
});
