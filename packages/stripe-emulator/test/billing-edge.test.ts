import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { customerWithCard, fakeClock, setup, stripeError } from './helpers.js';

const JAN11 = Date.parse('2026-01-11T00:00:00Z') / 1000;

async function failingProCustomer(stripe: Stripe) {
  const { customer } = await customerWithCard(stripe);
  const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: DEMO.prices.proMonthly }] });
  const bad = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });
  await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: bad.id } });
  return { customer, sub };
}

describe('payment behaviours on update', () => {
  it('error_if_incomplete leaves the subscription untouched', async () => {
    const clock = fakeClock('2026-01-01T00:00:00Z');
    const { stripe } = setup({ now: clock.now });
    const { sub } = await failingProCustomer(stripe);
    clock.set(JAN11 * 1000);
    const err = await stripeError(() =>
      stripe.subscriptions.update(sub.id, {
        items: [{ id: sub.items.data[0]!.id, price: DEMO.prices.businessMonthly }],
        proration_behavior: 'always_invoice',
        payment_behavior: 'error_if_incomplete',
      }),
    );
    expect(err.statusCode).toBe(402);
    const after = await stripe.subscriptions.retrieve(sub.id);
    expect(after.items.data[0]!.price.id).toBe(DEMO.prices.proMonthly);
    expect(after.latest_invoice).toBe(sub.latest_invoice);
    expect(after.status).toBe('active');
  });

  it('pending_if_incomplete parks the change until the invoice is paid', async () => {
    const clock = fakeClock('2026-01-01T00:00:00Z');
    const { stripe } = setup({ now: clock.now });
    const { customer, sub } = await failingProCustomer(stripe);
    clock.set(JAN11 * 1000);
    const pending = await stripe.subscriptions.update(sub.id, {
      items: [{ id: sub.items.data[0]!.id, price: DEMO.prices.businessMonthly }],
      proration_behavior: 'always_invoice',
      payment_behavior: 'pending_if_incomplete',
    });
    expect(pending.items.data[0]!.price.id).toBe(DEMO.prices.proMonthly);
    expect(pending.pending_update?.subscription_items?.[0]?.price.id).toBe(DEMO.prices.businessMonthly);
    expect(pending.pending_update?.expires_at).toBe(JAN11 + 23 * 3600);
    const good = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    await stripe.invoices.pay(pending.latest_invoice as string, { payment_method: good.id });
    const applied = await stripe.subscriptions.retrieve(sub.id);
    expect(applied.pending_update).toBeNull();
    expect(applied.items.data[0]!.price.id).toBe(DEMO.prices.businessMonthly);
  });
});

describe('pending updates', () => {
  it('expire after 23 hours without payment', async () => {
    const clock = fakeClock('2026-01-01T00:00:00Z');
    const { stripe } = setup({ now: clock.now });
    const { sub } = await failingProCustomer(stripe);
    clock.set(JAN11 * 1000);
    await stripe.subscriptions.update(sub.id, {
      items: [{ id: sub.items.data[0]!.id, quantity: 3 }],
      proration_behavior: 'always_invoice',
      payment_behavior: 'pending_if_incomplete',
    });
    clock.advance(24 * 3600);
    const after = await stripe.subscriptions.retrieve(sub.id);
    expect(after.pending_update).toBeNull();
    expect(after.items.data[0]!.quantity).toBe(1);
    const events = await stripe.events.list({ type: 'customer.subscription.pending_update_expired' });
    expect(events.data).toHaveLength(1);
  });
});

describe('previews and cancellation', () => {
  it('previews a new subscription without creating anything', async () => {
    const { stripe } = setup();
    const preview = await stripe.invoices.createPreview({
      customer: DEMO.customers.active,
      subscription_details: { items: [{ price: DEMO.prices.teamMonthly, quantity: 3 }] },
    });
    expect(preview.id).toMatch(/^upcoming_in_/);
    expect(preview.status).toBe('draft');
    expect(preview.total).toBe(3600);
    expect(preview.lines.data[0]!.description).toBe('3 × Team (at $12.00 / month)');
    const subs = await stripe.subscriptions.list({ customer: DEMO.customers.active, status: 'all' });
    expect(subs.data).toHaveLength(1);
  });

  it('credits unused time when canceling with prorate and invoice_now', async () => {
    const clock = fakeClock('2026-01-01T00:00:00Z');
    const { stripe } = setup({ now: clock.now });
    const { customer } = await customerWithCard(stripe);
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: DEMO.prices.proMonthly }],
    });
    clock.set(JAN11 * 1000);
    const canceled = await stripe.subscriptions.cancel(sub.id, {
      prorate: true,
      invoice_now: true,
      expand: ['latest_invoice'],
    });
    expect(canceled.status).toBe('canceled');
    const final = canceled.latest_invoice as Stripe.Invoice;
    expect(final.total).toBe(-1965);
    const c = (await stripe.customers.retrieve(customer.id)) as Stripe.Customer;
    expect(c.balance).toBe(-1965);
  });

  it('updates quantities through subscription items', async () => {
    const { stripe } = setup();
    const sub = await stripe.subscriptions.retrieve(DEMO.subscriptions.multiSeat);
    const item = await stripe.subscriptionItems.update(sub.items.data[0]!.id, {
      quantity: 7,
      proration_behavior: 'none',
    });
    expect(item.quantity).toBe(7);
    const list = await stripe.subscriptionItems.list({ subscription: sub.id });
    expect(list.data.map((i) => i.quantity)).toEqual([7]);
    const last = await stripeError(() => stripe.subscriptionItems.del(item.id));
    expect(last.statusCode).toBe(400);
  });
});

describe('pausing', () => {
  it('voids renewal invoices while collection is paused, then resumes on resumes_at', async () => {
    const clock = fakeClock('2026-01-01T00:00:00Z');
    const { stripe } = setup({ now: clock.now });
    const { customer } = await customerWithCard(stripe);
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: DEMO.prices.proMonthly }],
    });
    const resumesAt = Date.parse('2026-02-15T00:00:00Z') / 1000;
    await stripe.subscriptions.update(sub.id, { pause_collection: { behavior: 'void', resumes_at: resumesAt } });
    clock.set(Date.parse('2026-02-01T00:00:10Z'));
    const feb = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    expect(feb.status).toBe('active');
    expect((feb.latest_invoice as Stripe.Invoice).status).toBe('void');
    clock.set(Date.parse('2026-03-01T00:00:10Z'));
    const mar = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    expect(mar.pause_collection).toBeNull();
    expect((mar.latest_invoice as Stripe.Invoice).status).toBe('paid');
  });

  it('pauses and resumes a subscription with a new billing cycle', async () => {
    const clock = fakeClock('2026-01-01T00:00:00Z');
    const { stripe } = setup({ now: clock.now });
    const { customer } = await customerWithCard(stripe);
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: DEMO.prices.proMonthly }],
    });
    const paused = await stripe.subscriptions.pause(sub.id);
    expect(paused.status).toBe('paused');
    clock.set(Date.parse('2026-03-10T00:00:00Z'));
    const still = await stripe.subscriptions.retrieve(sub.id);
    expect(still.status).toBe('paused');
    expect((await stripe.invoices.list({ customer: customer.id })).data).toHaveLength(1);
    const resumed = await stripe.subscriptions.resume(sub.id, {
      billing_cycle_anchor: { type: 'now' },
      expand: ['latest_invoice'],
    });
    expect(resumed.status).toBe('active');
    expect(resumed.billing_cycle_anchor).toBe(Date.parse('2026-03-10T00:00:00Z') / 1000);
    expect((resumed.latest_invoice as Stripe.Invoice).amount_paid).toBe(2900);
  });
});
