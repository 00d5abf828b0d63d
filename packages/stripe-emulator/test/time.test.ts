import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { advanceClock, setup } from './helpers.js';

const MAR1 = Date.parse('2026-03-01T00:00:00Z') / 1000;
const APR1 = Date.parse('2026-04-01T00:00:00Z') / 1000;
const MAY1 = Date.parse('2026-05-01T00:00:00Z') / 1000;

async function clockedCustomer(stripe: Stripe, frozen = MAR1) {
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: frozen, name: 'renewals' });
  const customer = await stripe.customers.create({ email: 'clock@example.com', test_clock: clock.id });
  const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
  return { clock, customer };
}

describe('test clocks', () => {
  it('advances through renewals and dunning to cancellation', async () => {
    const { stripe } = setup();
    const { clock, customer } = await clockedCustomer(stripe);
    expect(clock).toMatchObject({
      object: 'test_helpers.test_clock',
      status: 'ready',
      frozen_time: MAR1,
      name: 'renewals',
    });
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: DEMO.prices.starterMonthly }],
    });
    expect(sub.start_date).toBe(MAR1);
    expect(sub.test_clock).toBe(clock.id);

    const advanced = await advanceClock(stripe, clock.id, APR1 + 3600);
    expect(advanced).toMatchObject({ status: 'ready', frozen_time: APR1 + 3600, status_details: {} });
    const invoices = await stripe.invoices.list({ customer: customer.id });
    expect(invoices.data.map((i) => [i.billing_reason, i.status, i.created])).toEqual([
      ['subscription_cycle', 'paid', APR1],
      ['subscription_create', 'paid', MAR1],
    ]);

    const bad = await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id });
    await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: bad.id } });
    await advanceClock(stripe, clock.id, MAY1 + 3600);
    const pastDue = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    expect(pastDue.status).toBe('past_due');
    const open = pastDue.latest_invoice as Stripe.Invoice;
    expect(open).toMatchObject({ status: 'open', attempt_count: 1, next_payment_attempt: MAY1 + 3 * 86400 });

    // Retries on days 3, 8 and 15 fail, then the subscription is canceled.
    await advanceClock(stripe, clock.id, MAY1 + 20 * 86400);
    const canceled = await stripe.subscriptions.retrieve(sub.id);
    expect(canceled.status).toBe('canceled');
    expect(canceled.cancellation_details?.reason).toBe('payment_failed');
    const final = await stripe.invoices.retrieve(open.id);
    expect(final.attempt_count).toBe(4);

    const err = await stripe.testHelpers.testClocks
      .advance(clock.id, { frozen_time: MAR1 })
      .catch((e: Stripe.errors.StripeError) => e);
    expect((err as Stripe.errors.StripeError).statusCode).toBe(400);
  });
});

describe('test clock advances are asynchronous, as on Stripe', () => {
  it('answers advancing, refuses a second advance meanwhile, then emits test_clock.ready after the work', async () => {
    const { stripe } = setup();
    const { clock, customer } = await clockedCustomer(stripe);
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: DEMO.prices.starterMonthly }],
    });

    const started = await stripe.testHelpers.testClocks.advance(clock.id, { frozen_time: APR1 + 3600 });
    expect(started).toMatchObject({
      status: 'advancing',
      frozen_time: MAR1,
      status_details: { advancing: { target_frozen_time: APR1 + 3600 } },
    });
    // Nothing has renewed yet: code that reads right after `advance` sees the old state.
    expect((await stripe.invoices.list({ customer: customer.id })).data).toHaveLength(1);
    const busy = await stripe.testHelpers.testClocks
      .advance(clock.id, { frozen_time: MAY1 })
      .catch((e: Stripe.errors.StripeError) => e);
    expect((busy as Stripe.errors.StripeError).statusCode).toBe(400);

    const ready = await advanceClockUntilReady(stripe, clock.id);
    expect(ready).toMatchObject({ status: 'ready', frozen_time: APR1 + 3600, status_details: {} });
    expect((await stripe.invoices.list({ customer: customer.id })).data[0]?.billing_reason).toBe('subscription_cycle');
    // The ready event comes after the renewal's events, carrying the clock as it was when ready.
    const events = (await stripe.events.list({ limit: 100 })).data.reverse();
    const readyAt = events.findIndex((e) => e.type === 'test_helpers.test_clock.ready');
    const renewedAt = events.findIndex(
      (e) => e.type === 'invoice.paid' && (e.data.object as Stripe.Invoice).billing_reason === 'subscription_cycle',
    );
    expect(renewedAt).toBeGreaterThan(-1);
    expect(readyAt).toBeGreaterThan(renewedAt);
    expect(events[readyAt]!.data.object).toMatchObject({ id: clock.id, status: 'ready', frozen_time: APR1 + 3600 });
    expect(sub.id).toMatch(/^sub_/);
  });
});

async function advanceClockUntilReady(stripe: Stripe, clockId: string): Promise<Stripe.TestHelpers.TestClock> {
  for (;;) {
    const clock = await stripe.testHelpers.testClocks.retrieve(clockId);
    if (clock.status !== 'advancing') return clock;
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('subscription schedules', () => {
  it('downgrades at period end and can be released', async () => {
    const { stripe } = setup();
    const { clock, customer } = await clockedCustomer(stripe);
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: DEMO.prices.businessMonthly }],
    });
    const schedule = await stripe.subscriptionSchedules.create({ from_subscription: sub.id });
    expect(schedule).toMatchObject({
      object: 'subscription_schedule',
      status: 'active',
      subscription: sub.id,
      end_behavior: 'release',
      current_phase: { start_date: MAR1, end_date: APR1 },
    });
    expect((await stripe.subscriptions.retrieve(sub.id)).schedule).toBe(schedule.id);
    const itemEnd = sub.items.data[0]!.current_period_end;
    const updated = await stripe.subscriptionSchedules.update(schedule.id, {
      end_behavior: 'release',
      phases: [
        {
          items: [{ price: DEMO.prices.businessMonthly, quantity: 1 }],
          start_date: schedule.phases[0]!.start_date,
          end_date: itemEnd,
        },
        {
          items: [{ price: DEMO.prices.starterMonthly, quantity: 1 }],
          duration: { interval: 'month', interval_count: 1 },
        },
      ],
    });
    expect(updated.phases.map((p) => [p.start_date, p.end_date])).toEqual([
      [MAR1, APR1],
      [APR1, MAY1],
    ]);
    await advanceClock(stripe, clock.id, APR1 + 60);
    const moved = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    expect(moved.items.data.map((i) => i.price.id)).toEqual([DEMO.prices.starterMonthly]);
    expect((moved.latest_invoice as Stripe.Invoice).total).toBe(900);

    const released = await stripe.subscriptionSchedules.release(schedule.id);
    expect(released.status).toBe('released');
    expect(released.released_subscription).toBe(sub.id);
    expect((await stripe.subscriptions.retrieve(sub.id)).schedule).toBeNull();
  });
});
