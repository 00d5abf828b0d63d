import { createDb, mirrorRepo, type DbHandle } from '@portal/db';
import { DEMO } from '@portal/stripe-emulator';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../src/context';
import { createBatcher } from '../src/webhooks/batcher';
import { createFreshReads } from '../src/webhooks/fresh-reads';
import { createEventProcessor } from '../src/webhooks/process-event';
import { useApiSuite } from './suite';

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
};

describe('createBatcher (group commit)', () => {
  it('sends what arrived while a batch ran as the next batch, answering each item its own result', async () => {
    const batches: number[][] = [];
    const gate = deferred<void>();
    const batcher = createBatcher<number, number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await gate.promise;
      return items.map((n) => n * 10);
    });
    const first = batcher.add(1);
    await new Promise((r) => setImmediate(r));
    const rest = [2, 3, 4].map((n) => batcher.add(n));
    gate.resolve();
    expect(await Promise.all([first, ...rest])).toEqual([10, 20, 30, 40]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('fails only the item that fails: a failed batch is retried item by item', async () => {
    const batcher = createBatcher<number, number>(async (items) => {
      if (items.includes(2)) throw new Error(`batch with 2: ${items.join(',')}`);
      return items;
    });
    const results = await Promise.allSettled([1, 2, 3].map((n) => batcher.add(n)));
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});

describe('createFreshReads', () => {
  it('never answers a caller with a read that started before it arrived, and shares the next one', async () => {
    const reads = createFreshReads();
    const loads: { value: string; release: () => void }[] = [];
    const load = (value: string) => () => {
      const gate = deferred<void>();
      loads.push({ value, release: gate.resolve });
      return gate.promise.then(() => value);
    };
    const early = reads.read('cus_1', load('read 1'));
    // Arrive while read 1 runs: they must wait for a read that starts after them, and share it.
    const late = [
      reads.read('cus_1', load('read 2')),
      reads.read('cus_1', load('unused')),
      reads.read('cus_1', load('unused')),
    ];
    const other = reads.read('cus_2', load('other'));
    expect(loads.map((l) => l.value)).toEqual(['read 1', 'other']);
    loads[0]!.release();
    expect(await early).toBe('read 1');
    await new Promise((r) => setImmediate(r));
    expect(loads.map((l) => l.value)).toEqual(['read 1', 'other', 'read 2']);
    loads[2]!.release();
    loads[1]!.release();
    expect(await Promise.all(late)).toEqual(['read 2', 'read 2', 'read 2']);
    expect(await other).toBe('other');
    // Idle again: the next caller starts a read at once.
    const again = reads.read('cus_1', load('read 3'));
    expect(loads.at(-1)!.value).toBe('read 3');
    loads.at(-1)!.release();
    expect(await again).toBe('read 3');
  });
});

describe('createEventProcessor', () => {
  const { h } = useApiSuite();
  let db: DbHandle;
  beforeAll(async () => {
    db = await createDb({ kind: 'pglite' });
  });
  afterAll(() => db.close());

  let n = 0;
  const customerEvent = (customerId: string) =>
    ({
      id: `evt_ingest_${++n}_${Date.now()}`,
      object: 'event',
      type: 'customer.updated',
      created: Math.floor(Date.now() / 1000),
      data: { object: { id: customerId, object: 'customer' } },
    }) as unknown as Stripe.Event;
  const ledgered = (ids: string[]) =>
    db.db.selectFrom('webhook_events').select('event_id').where('event_id', 'in', ids).execute();
  const audited = (ids: string[]) =>
    db.db
      .selectFrom('audit_log')
      .select('input_summary')
      .where('action', 'like', 'webhook:%')
      .execute()
      .then((rows) => rows.filter((r) => ids.includes((r.input_summary as { eventId: string }).eventId)));

  it('applies a burst of events, each delivered twice at once, exactly once', async () => {
    const deps: Deps = { ...h.deps, db: db.db };
    const processor = createEventProcessor(deps);
    const events = Array.from({ length: 40 }, (_, i) => customerEvent(`cus_burst_${i % 6}`));
    const pushed: string[] = [];
    const stops = Array.from({ length: 6 }, (_, i) =>
      deps.changes.subscribe(`cus_burst_${i}`, (c) => pushed.push(c.id)),
    );
    const outcomes = await Promise.all(events.flatMap((e) => [processor.process(e), processor.process(e)]));
    stops.forEach((stop) => stop());
    expect(outcomes.filter((o) => o === 'applied')).toHaveLength(40);
    expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(40);
    const ids = events.map((e) => e.id);
    expect(await ledgered(ids)).toHaveLength(40);
    expect(await audited(ids)).toHaveLength(40);
    expect(pushed).toHaveLength(40);
    // Later redeliveries (another instance's processor, or after a restart) are duplicates too.
    const again = createEventProcessor(deps);
    expect(await Promise.all(events.slice(0, 5).map((e) => again.process(e)))).toEqual(Array(5).fill('duplicate'));
  });

  it("marks the customer's mirror stale in the ledger's statement, and only when the event is new", async () => {
    const repo = mirrorRepo(db.db);
    const before = await repo.begin('cus_far');
    const processor = createEventProcessor({ ...h.deps, db: db.db });
    const event = customerEvent('cus_far');
    expect(await processor.process(event)).toBe('applied');
    const after = (await repo.state('cus_far'))!;
    expect(after.dirtyVersion > before.dirtyVersion).toBe(true);
    // A duplicate changes nothing: the mirror does not go stale again.
    expect(await createEventProcessor({ ...h.deps, db: db.db }).process(event)).toBe('duplicate');
    expect((await repo.state('cus_far'))!.dirtyVersion).toBe(after.dirtyVersion);
  });

  it("routes the payment events Stripe sends with a paid invoice to the paying customer's invoices", async () => {
    const deps: Deps = { ...h.deps, db: db.db };
    const customer = await h.stripe.customers.create({
      email: 'payer@example.com',
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    });
    await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: DEMO.prices.proMonthly }] });
    const types = ['payment_intent.created', 'charge.succeeded', 'payment_intent.succeeded', 'invoice_payment.paid'];
    const events = (await h.stripe.events.list({ limit: 100, types })).data.filter((e) => {
      const o = e.data.object as { customer?: string; invoice?: string };
      return o.customer === customer.id || (e.type === 'invoice_payment.paid' && typeof o.invoice === 'string');
    });
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(types));
    const pushed: string[] = [];
    const stop = deps.changes.subscribe(customer.id, (c) => pushed.push(`${c.type} ${c.resource}`));
    const processor = createEventProcessor(deps);
    const outcomes = await Promise.all(events.map((e) => processor.process(e)));
    stop();
    expect(outcomes.every((o) => o === 'applied')).toBe(true);
    expect(await ledgered(events.map((e) => e.id))).toHaveLength(events.length);
    expect(pushed.sort()).toEqual([
      'charge.succeeded invoices',
      'payment_intent.created invoices',
      'payment_intent.succeeded invoices',
    ]);
  });

  it('answers an error and records nothing when the commit fails, so the redelivery applies', async () => {
    let failNext = true;
    const failing = db.db.withPlugin({
      transformQuery(args) {
        if (failNext) {
          failNext = false;
          throw new Error('connection lost');
        }
        return args.node;
      },
      async transformResult(args) {
        return args.result;
      },
    });
    const processor = createEventProcessor({ ...h.deps, db: failing });
    const event = customerEvent('cus_fail');
    await expect(processor.process(event)).rejects.toThrow('connection lost');
    expect(await ledgered([event.id])).toEqual([]);
    expect(await processor.process(event)).toBe('applied');
    expect(await audited([event.id])).toHaveLength(1);
  });
});
