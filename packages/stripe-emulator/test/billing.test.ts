import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { customerWithCard, fakeClock, setup, stripeError } from './helpers.js';

const JAN1 = Date.parse('2026-01-01T00:00:00Z') / 1000;
const JAN11 = Date.parse('2026-01-11T00:00:00Z') / 1000;
const FEB1 = Date.parse('2026-02-01T00:00:00Z') / 1000;

async function proCustomer(stripe: Stripe, token = 'pm_card_visa') {
  const { customer, pm } = await customerWithCard(stripe, token, { email: 'billing@example.com' });
  const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: DEMO.prices.proMonthly }] });
  return { customer, pm, sub };
}

describe('invoices from subscriptions', () => {
  it('bills the first period on create and pays it with the default card', async () => {
    const clock = fakeClock('2026-01-01T00:00:00Z');
    const { stripe } = setup({ now: clock.now });
    const { sub, customer } = await proCustomer(stripe);
    expect(sub.status).toBe('active');
    const invoice = await stripe.invoices.retrieve(sub.latest_invoice as string);
    expect(invoice).toMatchObject({
      object: 'invoice',
      status: 'paid',
      billing_reason: 'subscription_create',
      customer: customer.id,
      subtotal: 2900,
      total: 2900,
      amount_due: 2900,
      amount_paid: 2900,
      amount_remaining: 0,
      attempted: true,
      currency: 'usd',
    });
    expect(invoice.parent?.subscription_details?.subscription).toBe(sub.id);
    expect(invoice.number).toMatch(/^[A-Z0-9]+-0001$/);
    expect(invoice.hosted_invoice_url).toContain(`/_hosted/invoices/${invoice.id}`);
    expect(invoice.invoice_pdf).toContain('/pdf');
    expect(invoice.status_transitions.paid_at).toBe(JAN1);
    const line = invoice.lines.data[0]!;
    expect(line).toMatchObject({
      object: 'line_item',
      amount: 2900,
      quantity: 1,
      description: '1 × Pro (at $29.00 / month)',
    });
    expect(line.period).toEqual({ start: JAN1, end: FEB1 });
    expect(line.parent?.subscription_item_details?.proration).toBe(false);

    const list = await stripe.invoices.list({ customer: customer.id, status: 'paid' });
    expect(list.data.map((i) => i.id)).toEqual([invoice.id]);
  });

  it('leaves the subscription incomplete when the first payment is declined, and error_if_incomplete changes nothing', async () => {
    const { stripe } = setup();
    const { customer } = await customerWithCard(stripe, 'pm_card_chargeCustomerFail');
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: DEMO.prices.proMonthly }],
    });
    expect(sub.status).toBe('incomplete');
    const invoice = await stripe.invoices.retrieve(sub.latest_invoice as string);
    expect(invoice.status).toBe('open');
    expect(invoice.attempt_count).toBe(1);

    const err = await stripeError(() =>
      stripe.subscriptions.create({
        customer: customer.id,
        items: [{ price: DEMO.prices.starterMonthly }],
        payment_behavior: 'error_if_incomplete',
      }),
    );
    expect(err).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(err.statusCode).toBe(402);
    expect(err.code).toBe('card_declined');
    expect(err.decline_code).toBe('generic_decline');
    const subs = await stripe.subscriptions.list({ customer: customer.id, status: 'all' });
    expect(subs.data.map((s) => s.id)).toEqual([sub.id]);

    // Paying the open invoice with a good card activates the subscription.
    const good = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const paid = await stripe.invoices.pay(invoice.id, { payment_method: good.id });
    expect(paid.status).toBe('paid');
    expect((await stripe.subscriptions.retrieve(sub.id)).status).toBe('active');
  });

  it('declines invoice payments per test card with decline codes', async () => {
    const { stripe } = setup();
    const { customer } = await customerWithCard(stripe, 'pm_card_chargeCustomerFail');
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: DEMO.prices.proMonthly }],
    });
    const err = await stripeError(() => stripe.invoices.pay(sub.latest_invoice as string));
    expect(err.statusCode).toBe(402);
    expect(err.decline_code).toBe('generic_decline');
    const inv = await stripe.invoices.retrieve(sub.latest_invoice as string);
    expect(inv.attempt_count).toBe(2);
    const attachDeclined = await stripeError(() =>
      stripe.paymentMethods.attach('pm_card_visa_chargeDeclinedInsufficientFunds', { customer: customer.id }),
    );
    expect(attachDeclined.decline_code).toBe('insufficient_funds');
    const voided = await stripe.invoices.voidInvoice(inv.id);
    expect(voided.status).toBe('void');
    const again = await stripeError(() => stripe.invoices.pay(inv.id));
    expect(again.statusCode).toBe(400);
  });
});

describe('proration', () => {
  it('previews and applies an upgrade with always_invoice, to the cent', async () => {
    const clock = fakeClock('2026-01-01T00:00:00Z');
    const { stripe } = setup({ now: clock.now });
    const { customer, sub } = await proCustomer(stripe);
    clock.set(JAN11 * 1000);
    const itemId = sub.items.data[0]!.id;
    const preview = await stripe.invoices.createPreview({
      customer: customer.id,
      subscription: sub.id,
      subscription_details: {
        items: [{ id: itemId, price: DEMO.prices.businessMonthly }],
        proration_behavior: 'always_invoice',
        proration_date: JAN11,
      },
    });
    // 21 of 31 days remain: credit 2900 × 21/31 = 1964.52 → 1965, charge 9900 × 21/31 = 6706.45 → 6706.
    expect(preview.lines.data.map((l) => l.amount)).toEqual([-1965, 6706]);
    expect(preview.lines.data.every((l) => l.parent?.subscription_item_details?.proration === true)).toBe(true);
    expect(preview.lines.data[0]!.description).toBe('Unused time on Pro after 11 Jan 2026');
    expect(preview.lines.data[1]!.description).toBe('Remaining time on Business after 11 Jan 2026');
    expect(preview.amount_due).toBe(4741);
    expect(preview.parent?.subscription_details?.subscription_proration_date).toBe(JAN11);
    // The preview changed nothing.
    expect((await stripe.subscriptions.retrieve(sub.id)).items.data[0]!.price.id).toBe(DEMO.prices.proMonthly);

    const updated = await stripe.subscriptions.update(sub.id, {
      items: [{ id: itemId, price: DEMO.prices.businessMonthly }],
      proration_behavior: 'always_invoice',
      proration_date: JAN11,
      expand: ['latest_invoice'],
    });
    const invoice = updated.latest_invoice as Stripe.Invoice;
    expect(invoice.billing_reason).toBe('subscription_update');
    expect(invoice.total).toBe(preview.total);
    expect(invoice.status).toBe('paid');
    expect(updated.items.data[0]!.price.id).toBe(DEMO.prices.businessMonthly);
    expect(updated.items.data[0]!.current_period_end).toBe(FEB1);
  });

  it('creates pending prorations that land on the next renewal invoice', async () => {
    const clock = fakeClock('2026-01-01T00:00:00Z');
    const { stripe } = setup({ now: clock.now });
    const { customer } = await customerWithCard(stripe);
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: DEMO.prices.teamMonthly, quantity: 2 }],
    });
    clock.set(Date.parse('2026-01-16T12:00:00Z'));
    const itemId = sub.items.data[0]!.id;
    await stripe.subscriptions.update(sub.id, { items: [{ id: itemId, quantity: 5 }] });
    const pending = await stripe.invoiceItems.list({ customer: customer.id, pending: true });
    // Exactly half the period remains: -2400/2 and +6000/2.
    expect(pending.data.map((i) => i.amount).sort((a, b) => a - b)).toEqual([-1200, 3000]);

    const upcoming = await stripe.invoices.createPreview({ customer: customer.id, subscription: sub.id });
    expect(upcoming.total).toBe(6000 + 1800);
    expect(upcoming.lines.data.map((l) => l.amount).sort((a, b) => a - b)).toEqual([-1200, 3000, 6000]);

    clock.set(FEB1 * 1000 + 1000);
    const renewed = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    const invoice = renewed.latest_invoice as Stripe.Invoice;
    expect(invoice.billing_reason).toBe('subscription_cycle');
    expect(invoice.total).toBe(7800);
    expect(invoice.status).toBe('paid');
    expect(renewed.items.data[0]!.current_period_start).toBe(FEB1);
    expect((await stripe.invoiceItems.list({ customer: customer.id, pending: true })).data).toHaveLength(0);
  });

  it('resets the billing cycle when switching from monthly to yearly', async () => {
    const clock = fakeClock('2026-01-01T00:00:00Z');
    const { stripe } = setup({ now: clock.now });
    const { sub } = await proCustomer(stripe);
    clock.set(JAN11 * 1000);
    const updated = await stripe.subscriptions.update(sub.id, {
      items: [{ id: sub.items.data[0]!.id, price: DEMO.prices.proYearly }],
      proration_date: JAN11,
      expand: ['latest_invoice'],
    });
    const invoice = updated.latest_invoice as Stripe.Invoice;
    expect(invoice.lines.data.map((l) => l.amount)).toEqual([-1965, 29000]);
    expect(invoice.amount_due).toBe(27035);
    expect(updated.billing_cycle_anchor).toBe(JAN11);
    expect(updated.items.data[0]!.current_period_end).toBe(Date.parse('2027-01-11T00:00:00Z') / 1000);
  });

  it('turns a net credit into customer balance used by the next invoice', async () => {
    const clock = fakeClock('2026-01-01T00:00:00Z');
    const { stripe } = setup({ now: clock.now });
    const { customer, sub } = await proCustomer(stripe);
    clock.set(JAN11 * 1000);
    const down = await stripe.subscriptions.update(sub.id, {
      items: [{ id: sub.items.data[0]!.id, price: DEMO.prices.starterMonthly }],
      proration_behavior: 'always_invoice',
      proration_date: JAN11,
      expand: ['latest_invoice'],
    });
    const inv = down.latest_invoice as Stripe.Invoice;
    // -1965 + round(900 × 21/31 = 609.68) = -1355 → nothing due, credit kept on the customer.
    expect(inv.total).toBe(-1355);
    expect(inv.amount_due).toBe(0);
    expect(inv.ending_balance).toBe(-1355);
    const c = (await stripe.customers.retrieve(customer.id)) as Stripe.Customer;
    expect(c.balance).toBe(-1355);
    const next = await stripe.invoices.createPreview({ customer: customer.id, subscription: sub.id });
    expect(next.total).toBe(900);
    expect(next.starting_balance).toBe(-1355);
    expect(next.amount_due).toBe(0);
  });

  it('rejects a proration_date outside the current period', async () => {
    const { stripe } = setup();
    const err = await stripeError(() =>
      stripe.subscriptions.update(DEMO.subscriptions.active, {
        items: [{ id: 'si_x', quantity: 2 }],
        proration_date: 1,
      }),
    );
    expect(err.statusCode).toBe(400);
    expect(err.param).toBe('proration_date');
  });
});

describe('cancel, pause and trials', () => {
  it('cancels at period end with feedback, reactivates, then cancels now', async () => {
    const clock = fakeClock('2026-01-01T00:00:00Z');
    const { stripe } = setup({ now: clock.now });
    const { sub } = await proCustomer(stripe);
    const pending = await stripe.subscriptions.update(sub.id, {
      cancel_at_period_end: true,
      cancellation_details: { feedback: 'too_expensive', comment: 'Budget cuts' },
    });
    expect(pending.cancel_at_period_end).toBe(true);
    expect(pending.cancel_at).toBe(FEB1);
    expect(pending.canceled_at).toBe(JAN1);
    expect(pending.status).toBe('active');
    expect(pending.cancellation_details).toMatchObject({
      feedback: 'too_expensive',
      comment: 'Budget cuts',
      reason: 'cancellation_requested',
    });
    const noNext = await stripeError(() =>
      stripe.invoices.createPreview({ customer: pending.customer as string, subscription: sub.id }),
    );
    expect(noNext.code).toBe('invoice_upcoming_none');

    const back = await stripe.subscriptions.update(sub.id, { cancel_at_period_end: false });
    expect(back).toMatchObject({ cancel_at_period_end: false, cancel_at: null, canceled_at: null });

    const canceled = await stripe.subscriptions.cancel(sub.id, { cancellation_details: { feedback: 'unused' } });
    expect(canceled.status).toBe('canceled');
    expect(canceled.ended_at).toBe(JAN1);
    expect(canceled.cancellation_details?.feedback).toBe('unused');
    expect((await stripe.subscriptions.list({ customer: canceled.customer as string })).data).toHaveLength(0);
    expect(
      (await stripe.subscriptions.list({ customer: canceled.customer as string, status: 'canceled' })).data,
    ).toHaveLength(1);
    const err = await stripeError(() =>
      stripe.subscriptions.update(sub.id, { items: [{ id: sub.items.data[0]!.id, quantity: 3 }] }),
    );
    expect(err.statusCode).toBe(400);
  });

  it('ends the subscription at period end when cancel_at_period_end is set', async () => {
    const clock = fakeClock('2026-01-01T00:00:00Z');
    const { stripe } = setup({ now: clock.now });
    const { sub } = await proCustomer(stripe);
    await stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    clock.set(FEB1 * 1000 + 5000);
    const ended = await stripe.subscriptions.retrieve(sub.id);
    expect(ended.status).toBe('canceled');
    expect(ended.ended_at).toBe(FEB1);
  });

  it('pauses collection and resumes it', async () => {
    const { stripe } = setup();
    const paused = await stripe.subscriptions.update(DEMO.subscriptions.active, {
      pause_collection: { behavior: 'void' },
    });
    expect(paused.pause_collection).toEqual({ behavior: 'void', resumes_at: null });
    expect(paused.status).toBe('active');
    const resumed = await stripe.subscriptions.update(DEMO.subscriptions.active, { pause_collection: '' });
    expect(resumed.pause_collection).toBeNull();
  });

  it('bills when a trial ends', async () => {
    const clock = fakeClock('2026-01-01T00:00:00Z');
    const { stripe } = setup({ now: clock.now });
    const { customer } = await customerWithCard(stripe);
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: DEMO.prices.proMonthly }],
      trial_period_days: 7,
    });
    expect(sub.status).toBe('trialing');
    const trialInvoice = await stripe.invoices.retrieve(sub.latest_invoice as string);
    expect(trialInvoice.total).toBe(0);
    expect(trialInvoice.lines.data[0]!.description).toBe('Trial period for Pro');
    clock.advance(7 * 86400 + 60);
    const active = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    expect(active.status).toBe('active');
    expect((active.latest_invoice as Stripe.Invoice).amount_paid).toBe(2900);
    expect(active.items.data[0]!.current_period_start).toBe(JAN1 + 7 * 86400);
  });

  it('moves to past_due when a renewal payment fails', async () => {
    const clock = fakeClock('2026-01-01T00:00:00Z');
    const { stripe } = setup({ now: clock.now });
    const { customer, sub } = await proCustomer(stripe);
    const bad = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: bad.id } });
    clock.set(FEB1 * 1000 + 1000);
    const pastDue = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    expect(pastDue.status).toBe('past_due');
    const inv = pastDue.latest_invoice as Stripe.Invoice;
    expect(inv.status).toBe('open');
    expect(inv.next_payment_attempt).toBe(FEB1 + 3 * 86400);
  });
});
