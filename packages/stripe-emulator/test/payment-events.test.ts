import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { advanceClock, customerWithCard, setup } from './helpers.js';

const MAR1 = Date.parse('2026-03-01T00:00:00Z') / 1000;
const APR1 = Date.parse('2026-04-01T00:00:00Z') / 1000;

/** Events about this customer (or their invoices' payments), oldest first, as `type` strings. */
async function eventsOf(stripe: Stripe, customerId: string, since = 0): Promise<Stripe.Event[]> {
  const all: Stripe.Event[] = [];
  for await (const e of stripe.events.list({ limit: 100 })) all.push(e);
  const invoices = new Set((await stripe.invoices.list({ customer: customerId, limit: 100 })).data.map((i) => i.id));
  return all
    .reverse()
    .slice(since)
    .filter((e) => {
      const o = e.data.object as { id?: string; customer?: string | null; invoice?: string };
      return o.customer === customerId || o.id === customerId || (o.invoice !== undefined && invoices.has(o.invoice));
    });
}

const PAID = [
  'payment_intent.created',
  'charge.succeeded',
  'payment_intent.succeeded',
  'invoice_payment.paid',
  'invoice.paid',
  'invoice.payment_succeeded',
];

describe("paying an invoice emits Stripe's payment events, in Stripe's order, with snapshots (#17.6)", () => {
  it('new subscription: the PaymentIntent, its Charge and the InvoicePayment come before invoice.paid', async () => {
    const { stripe } = setup();
    const { customer, pm } = await customerWithCard(stripe);
    await stripe.subscriptions.create({ customer: customer.id, items: [{ price: DEMO.prices.proMonthly }] });
    const events = await eventsOf(stripe, customer.id);
    const types = events.map((e) => e.type).filter((t) => PAID.includes(t) || t === 'invoice.finalized');
    expect(types).toEqual(['invoice.finalized', ...PAID]);

    const byType = (t: string) => events.find((e) => e.type === t)!.data.object as unknown as Record<string, unknown>;
    // Snapshots: the intent as it was when created, and when it succeeded.
    expect(byType('payment_intent.created')).toMatchObject({
      object: 'payment_intent',
      status: 'requires_payment_method',
      latest_charge: null,
      customer: customer.id,
    });
    const charge = byType('charge.succeeded') as unknown as Stripe.Charge;
    expect(charge).toMatchObject({
      object: 'charge',
      status: 'succeeded',
      paid: true,
      amount: 2900,
      currency: 'usd',
      customer: customer.id,
      payment_method: pm.id,
    });
    expect(byType('payment_intent.succeeded')).toMatchObject({
      status: 'succeeded',
      amount_received: 2900,
      latest_charge: charge.id,
    });
    const invoiceId = (byType('invoice.paid') as { id: string }).id;
    expect(byType('invoice_payment.paid')).toMatchObject({
      object: 'invoice_payment',
      invoice: invoiceId,
      status: 'paid',
      amount_paid: 2900,
      payment: { type: 'payment_intent', payment_intent: charge.payment_intent },
    });
  });

  it('renewal failure: charge.failed and payment_intent.payment_failed before invoice.payment_failed', async () => {
    const { stripe } = setup();
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: MAR1 });
    const { customer } = await customerWithCard(stripe, 'pm_card_visa', { test_clock: clock.id });
    await stripe.subscriptions.create({ customer: customer.id, items: [{ price: DEMO.prices.proMonthly }] });
    // The card on file starts failing before the renewal.
    const failing = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: failing.id } });
    await advanceClock(stripe, clock.id, APR1 + 3600);
    const all = await eventsOf(stripe, customer.id);
    // Events of objects on a test clock carry the clock's time: the renewal's are at APR1.
    const renewal = all.filter((e) => e.created >= APR1).map((e) => e.type);
    const order = [
      'payment_intent.created',
      'charge.failed',
      'payment_intent.payment_failed',
      'invoice.payment_failed',
    ];
    expect(renewal.filter((t) => order.includes(t) || t.startsWith('invoice_payment'))).toEqual(order);
    const failed = all.find((e) => e.type === 'charge.failed')!.data.object as Stripe.Charge;
    expect(failed).toMatchObject({ status: 'failed', paid: false, failure_code: 'card_declined' });
  });

  it('invoice.upcoming is sent 3 days before a renewal (configurable), once, with the renewal invoice', async () => {
    for (const days of [3, 7]) {
      const { stripe } = setup({ upcomingRenewalDays: days });
      const clock = await stripe.testHelpers.testClocks.create({ frozen_time: MAR1 });
      const { customer } = await customerWithCard(stripe, 'pm_card_visa', { test_clock: clock.id });
      await stripe.subscriptions.create({ customer: customer.id, items: [{ price: DEMO.prices.proMonthly }] });
      const upcoming = async () => (await eventsOf(stripe, customer.id)).filter((e) => e.type === 'invoice.upcoming');
      await advanceClock(stripe, clock.id, APR1 - days * 86400 - 60);
      expect(await upcoming()).toEqual([]);
      await advanceClock(stripe, clock.id, APR1 - days * 86400 + 60);
      const sent = await upcoming();
      expect(sent).toHaveLength(1);
      expect(sent[0]!.created).toBe(APR1 - days * 86400);
      expect(sent[0]!.data.object).toMatchObject({
        object: 'invoice',
        customer: customer.id,
        amount_due: 2900,
        status: 'draft',
        billing_reason: 'subscription_cycle',
      });
      await advanceClock(stripe, clock.id, APR1 - 3600);
      expect(await upcoming()).toHaveLength(1);
    }
  });

  it('plan change with always_invoice charges through the same sequence; cancelling emits customer.subscription.deleted', async () => {
    const { stripe } = setup();
    const { customer } = await customerWithCard(stripe);
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: DEMO.prices.proMonthly }],
    });
    const created = (await eventsOf(stripe, customer.id)).length;
    await stripe.subscriptions.update(sub.id, {
      items: [{ id: sub.items.data[0]!.id, price: DEMO.prices.businessMonthly }],
      proration_behavior: 'always_invoice',
    });
    const change = (await eventsOf(stripe, customer.id)).slice(created).map((e) => e.type);
    expect(change.filter((t) => PAID.includes(t))).toEqual(PAID);
    expect(change).toContain('customer.subscription.updated');
    await stripe.subscriptions.cancel(sub.id);
    expect((await eventsOf(stripe, customer.id)).at(-1)?.type).toBe('customer.subscription.deleted');
  });

  it('billing_portal.session.created, and a card added through a SetupIntent: created, attached, succeeded', async () => {
    const { stripe } = setup();
    const { customer } = await customerWithCard(stripe);
    const session = await stripe.billingPortal.sessions.create({
      customer: customer.id,
      return_url: 'https://app.example.com/billing',
    });
    const si = await stripe.setupIntents.create({
      customer: customer.id,
      usage: 'off_session',
      automatic_payment_methods: { enabled: true },
    });
    await stripe.setupIntents.confirm(si.id, { payment_method: 'pm_card_mastercard' });
    const types = (await eventsOf(stripe, customer.id)).map((e) => e.type);
    expect(types).toContain('billing_portal.session.created');
    const added = types.slice(types.indexOf('setup_intent.created'));
    expect(added.filter((t) => t.startsWith('setup_intent.') || t === 'payment_method.attached')).toEqual([
      'setup_intent.created',
      'payment_method.attached',
      'setup_intent.succeeded',
    ]);
    const created = (await stripe.events.list({ type: 'billing_portal.session.created', limit: 1 })).data[0]!;
    expect(created.data.object).toMatchObject({ id: session.id, customer: customer.id });
  });
});
