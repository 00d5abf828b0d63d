import { mirrorRepo } from '@portal/db';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Deps } from '../src/context';
import { createMirror, type Mirror } from '../src/mirror/mirror';
import { createCatalogCache } from '../src/stripe/catalog-cache';
import { processStripeEvent } from '../src/webhooks/process-event';
import { codeOf, key } from './fixtures';
import { stripeCalls, useApiSuite } from './suite';

const { h, f } = useApiSuite();
let mirror: Mirror;
beforeAll(() => {
  mirror = createMirror(h.deps, { db: h.deps.db });
});
// Runs before the suite closes the harness (afterAll hooks run in reverse order).
afterAll(() => mirror.close());

const renamedEvent = (customer: Stripe.Customer, id: string) =>
  ({ id, object: 'event', type: 'customer.updated', data: { object: customer } }) as unknown as Stripe.Event;

describe('screens read from the mirror', () => {
  it('answers every screen of a mirrored customer without calling Stripe', async () => {
    const { caller } = await f.newCustomer({ cards: ['pm_card_visa'], subscribe: true });
    const api = await caller({ mirror });
    const live = await caller();
    const calls = stripeCalls(h);
    const first = await api.billing.overview();
    expect(calls().length).toBeGreaterThan(0); // the first visit syncs
    const screens = async (c: typeof api) => ({
      overview: await c.billing.overview(),
      customer: await c.billing.customer.get(),
      config: await c.billing.portal.config(),
      paymentMethods: await c.billing.paymentMethods.list(),
      taxIds: await c.billing.taxIds.list(),
      invoices: await c.billing.invoices.list({ limit: 10 }),
    });
    const mirrored = await screens(api);
    expect(calls()).toEqual([]);
    expect(mirrored.overview).toEqual(first);
    // The mirror answers exactly what Stripe answers.
    expect(mirrored).toEqual(await screens(live));
    expect(mirrored.invoices.invoices).toHaveLength(1);
  });

  it('answers a new server instance (a restart) from the mirror: only the catalog is read from Stripe', async () => {
    const { caller } = await f.newCustomer({ subscribe: true });
    const before = await (await caller({ mirror })).billing.overview();
    const restarted = createMirror(h.deps, { db: h.deps.db });
    const api = await caller({ mirror: restarted, catalog: createCatalogCache(h.stripe) });
    const calls = stripeCalls(h);
    expect(await api.billing.overview()).toEqual(before);
    expect(calls().every((c) => c === 'GET /v1/products' || c === 'GET /v1/prices')).toBe(true);
    await restarted.close();
  });

  it('shows a change made through the portal on the next read', async () => {
    const { caller } = await f.newCustomer({ subscribe: true });
    const api = await caller({ mirror });
    await api.billing.overview();
    await api.billing.customer.update({ ...key(), name: 'Renamed Through The Portal' });
    expect((await api.billing.overview()).customer.name).toBe('Renamed Through The Portal');
    expect((await api.billing.customer.get()).name).toBe('Renamed Through The Portal');
  });

  it('shows a change made in Stripe once its webhook is processed, and not before', async () => {
    const { customer, caller } = await f.newCustomer({ subscribe: true });
    const api = await caller({ mirror });
    const before = await api.billing.overview();
    const renamed = await h.stripe.customers.update(customer.id, { name: 'Renamed In The Dashboard' });
    expect((await api.billing.overview()).customer.name).toBe(before.customer.name);
    const event = renamedEvent(renamed, `evt_mirror_${customer.id}`);
    expect(await processStripeEvent({ ...h.deps, mirror }, event)).toBe('applied');
    // Read at once: the webhook's sync may still be running; the read waits for it.
    expect((await api.billing.overview()).customer.name).toBe('Renamed In The Dashboard');
  });

  it('syncs a customer whose sync was lost (a crash after the webhook) on the next sweep', async () => {
    const { customer, caller } = await f.newCustomer();
    await (await caller({ mirror })).billing.overview();
    await h.stripe.customers.update(customer.id, { name: 'Changed While Down' });
    // What the webhook ledger does in its statement; the process that would have synced died.
    await mirrorRepo(h.deps.db).markDirty([customer.id]);
    const sweeping = createMirror(h.deps, { db: h.deps.db, sweepEveryMs: 50, sweepAfterMs: 0 });
    await sweeping.start();
    await expect
      .poll(async () => {
        const state = await mirrorRepo(h.deps.db).state(customer.id);
        return state!.syncedVersion >= state!.dirtyVersion;
      })
      .toBe(true);
    await sweeping.close();
    const calls = stripeCalls(h);
    expect((await (await caller({ mirror })).billing.overview()).customer.name).toBe('Changed While Down');
    expect(calls()).toEqual([]);
  });

  it('answers from a stale mirror, rather than failing, while Stripe is unreachable', async () => {
    const { customer, caller } = await f.newCustomer({ subscribe: true });
    const before = await (await caller({ mirror })).billing.overview();
    await mirrorRepo(h.deps.db).markDirty([customer.id]);
    const down = new Stripe('sk_test_api', {
      httpClient: Stripe.createFetchHttpClient(() => Promise.reject(new Error('network down'))),
      maxNetworkRetries: 0,
    });
    const offline = createMirror({ ...h.deps, stripe: down }, { db: h.deps.db });
    const api = await caller({ mirror: offline, stripe: down });
    expect(await api.billing.overview()).toEqual(before);
    await offline.close();
  });

  it('is NOT_FOUND for a customer deleted in Stripe, once the deletion is synced', async () => {
    const { customer, caller } = await f.newCustomer();
    const api = await caller({ mirror });
    await api.billing.overview();
    await h.stripe.customers.del(customer.id);
    await mirror.changed(customer.id);
    expect(await codeOf(api.billing.overview())).toBe('NOT_FOUND');
    expect(await codeOf(api.billing.customer.get())).toBe('NOT_FOUND');
  });
});

describe('freshness across instances', () => {
  it('marks the mirror stale for every instance by a webhook on one, and only for a new event', async () => {
    const { customer, caller } = await f.newCustomer();
    const here = createMirror(h.deps, { db: h.deps.db });
    const there = createMirror(h.deps, { db: h.deps.db });
    const deps: Deps = { ...h.deps, mirror: here };
    await (await caller({ mirror: there })).billing.overview();
    const renamed = await h.stripe.customers.update(customer.id, { name: 'Seen Everywhere' });
    const event = renamedEvent(renamed, `evt_everywhere_${customer.id}`);
    expect(await processStripeEvent(deps, event)).toBe('applied');
    expect((await (await caller({ mirror: there })).billing.overview()).customer.name).toBe('Seen Everywhere');

    // A redelivery is a duplicate: the mirror stays fresh, and the next read costs no Stripe call.
    await here.refresh(customer.id);
    expect(await processStripeEvent({ ...deps, mirror: there }, event)).toBe('duplicate');
    const calls = stripeCalls(h);
    await (await caller({ mirror: there })).billing.overview();
    expect(calls()).toEqual([]);
    await Promise.all([here.close(), there.close()]);
  });
});
