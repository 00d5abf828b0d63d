import { catalogMirrorRepo, stripeBudget } from '@portal/db';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMirror, type Mirror } from '../src/mirror/mirror';
import { createCatalogCache } from '../src/stripe/catalog-cache';
import { createEventsSweep } from '../src/webhooks/events-sweep';
import { processStripeEvent } from '../src/webhooks/process-event';
import { stripeCalls, useApiSuite } from './suite';

const { h, f } = useApiSuite();
let mirror: Mirror;
beforeAll(() => {
  mirror = createMirror(h.deps, { db: h.deps.db });
});
afterAll(() => mirror.close());

const mirroredCatalog = () => createCatalogCache(h.stripe, { store: catalogMirrorRepo(h.deps.db) });

describe('the catalog from Postgres', () => {
  it('answers a restarted instance with no Stripe request at all, catalog included', async () => {
    const { caller } = await f.newCustomer({ subscribe: true });
    const before = await (await caller({ mirror, catalog: mirroredCatalog() })).billing.overview();
    // A new process: nothing in memory, everything in the database.
    const restarted = createMirror(h.deps, { db: h.deps.db });
    const api = await caller({ mirror: restarted, catalog: mirroredCatalog() });
    const calls = stripeCalls(h);
    expect(await api.billing.overview()).toEqual(before);
    expect((await api.billing.portal.config()).products.length).toBeGreaterThan(0);
    expect(calls()).toEqual([]);
    await restarted.close();
  });

  it('shows a renamed product on another instance once the product webhook is processed', async () => {
    const { caller } = await f.newCustomer({ subscribe: true });
    const here = mirroredCatalog();
    const overview = await (await caller({ mirror, catalog: here })).billing.overview();
    const sub = overview.subscriptions[0]!;
    const price = await h.stripe.prices.retrieve(sub.items[0]!.priceId);
    const product = await h.stripe.products.update(price.product as string, { name: 'Pro, renamed' });
    const event = {
      id: `evt_catalog_${product.id}_${Date.now()}`,
      object: 'event',
      type: 'product.updated',
      data: { object: product },
    } as unknown as Stripe.Event;
    expect(await processStripeEvent({ ...h.deps, catalog: here, mirror }, event)).toBe('applied');
    // Another instance, which never heard of the change in memory, reads the mirror: stale, so Stripe.
    const elsewhere = await caller({ mirror, catalog: mirroredCatalog() });
    const names = (await elsewhere.billing.overview()).subscriptions[0]!.items.map((i) => i.productName);
    expect(names).toContain('Pro, renamed');
    await h.stripe.products.update(product.id, { name: price.nickname ?? 'Pro' });
  });
});

describe('the events sweep', () => {
  it('recovers a webhook that never arrived, and never applies an event twice', async () => {
    const { customer, caller } = await f.newCustomer({ subscribe: true });
    const deps = { ...h.deps, mirror };
    const sweep = createEventsSweep(deps);
    await sweep.sweepOnce(); // the first sweep only places the cursor (any earlier test's is kept)
    // Stripe's `created` is in whole seconds, and the sweep never applies the first cursor's second.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const api = await caller({ mirror });
    await api.billing.overview();
    // Changed in Stripe; the webhook is lost in transit.
    await h.stripe.customers.update(customer.id, { name: 'Renamed While The Webhook Was Lost' });
    expect((await api.billing.overview()).customer.name).not.toBe('Renamed While The Webhook Was Lost');
    expect(await sweep.sweepOnce()).toBeGreaterThanOrEqual(1);
    expect((await api.billing.overview()).customer.name).toBe('Renamed While The Webhook Was Lost');
    // The events it applied are in the ledger: a second sweep and a late webhook change nothing.
    expect(await sweep.sweepOnce()).toBe(0);
    const [late] = (await h.stripe.events.list({ type: 'customer.updated', limit: 1 })).data;
    expect(await processStripeEvent(deps, late!)).toBe('duplicate');
    await sweep.close();
  });
});

describe('the shared Stripe budget', () => {
  it('keeps a burst of background syncs at or below its rate', async () => {
    const customers = await Promise.all([1, 2, 3, 4].map(() => f.newCustomer({ subscribe: true })));
    const budget = stripeBudget(h.deps.db, { name: 'burst-test', perSecond: 10, burst: 6 });
    const limited = createMirror(h.deps, { db: h.deps.db, budget });
    for (const { customer } of customers) await mirror.read(customer.id);
    const start = h.emulator.core.requestLog.length;
    await Promise.all(customers.map(({ customer }) => limited.changed(customer.id)));
    await Promise.all(customers.map(({ customer }) => limited.refresh(customer.id)));
    await limited.close();
    const times = h.emulator.core.requestLog.slice(start).map((r) => r.at);
    // Four syncs of seven requests each: far more than the burst, so they must spread over time.
    expect(times.length).toBeGreaterThanOrEqual(24);
    // At ten a second after a burst of six, the requests cannot all go out sooner than this
    // (the log's times are when each answer was sent, so a little jitter is allowed).
    const spanMs = Math.max(...times) - Math.min(...times);
    expect(spanMs).toBeGreaterThanOrEqual(((times.length - 6) / 10) * 1000 - 300);
  });
});
