import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { customerWithCard, setup } from './helpers.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ids = (page: { data: Array<{ id: string }> }) => page.data.map((o) => o.id);

describe('search is eventually consistent, as on Stripe', () => {
  it('by default (2 s) does not find a customer, subscription or invoice created a moment ago', async () => {
    const { stripe, emulator } = setup();
    expect(emulator.core.timing.searchLagMs).toBe(2000);
    const { customer } = await customerWithCard(stripe, 'pm_card_visa', {
      name: 'Zelda Quokka',
      email: 'zelda@quokka.example',
    });
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: DEMO.prices.starterMonthly }],
    });

    expect(ids(await stripe.customers.search({ query: "name~'quokka'" }))).toEqual([]);
    expect(ids(await stripe.subscriptions.search({ query: `customer:'${customer.id}'` }))).toEqual([]);
    expect(ids(await stripe.invoices.search({ query: `customer:'${customer.id}'` }))).toEqual([]);
    // Lists and retrieves are immediate: that is what read-after-write code must use.
    expect(ids(await stripe.customers.list({ email: 'zelda@quokka.example' }))).toEqual([customer.id]);
    expect((await stripe.subscriptions.retrieve(sub.id)).status).toBe('active');
    // The demo account's history is indexed from the start.
    expect(ids(await stripe.customers.search({ query: "email:'ada@example.com'" }))).toEqual([DEMO.customers.active]);
  });

  it('finds new objects, and matches updates, only once the lag has passed', async () => {
    const { stripe } = setup({ seed: 'none', searchLagMs: 300 });
    const customer = await stripe.customers.create({ name: 'Grace Hopper' });
    expect(ids(await stripe.customers.search({ query: "name~'hopper'" }))).toEqual([]);
    await sleep(350);
    expect(ids(await stripe.customers.search({ query: "name~'hopper'" }))).toEqual([customer.id]);

    await stripe.customers.update(customer.id, { name: 'Grace Brewster Murray' });
    // Matched by its indexed (old) name, shown as it is now.
    const stale = await stripe.customers.search({ query: "name~'hopper'" });
    expect(stale.data.map((c: Stripe.Customer) => c.name)).toEqual(['Grace Brewster Murray']);
    expect(ids(await stripe.customers.search({ query: "name~'brewster'" }))).toEqual([]);
    await sleep(350);
    expect(ids(await stripe.customers.search({ query: "name~'hopper'" }))).toEqual([]);
    expect(ids(await stripe.customers.search({ query: "name~'brewster'" }))).toEqual([customer.id]);

    await stripe.customers.del(customer.id);
    await sleep(350);
    expect(ids(await stripe.customers.search({ query: "name~'brewster'" }))).toEqual([]);
  });

  it('is immediate with searchLagMs: 0', async () => {
    const { stripe } = setup({ seed: 'none', searchLagMs: 0 });
    const customer = await stripe.customers.create({ name: 'Alan Turing' });
    expect(ids(await stripe.customers.search({ query: "name~'turing'" }))).toEqual([customer.id]);
  });
});
