import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { advanceClock, setup, stripeError } from './helpers.js';

// Issue #20: test clocks move metering windows as they move billing periods. Usage is reported
// on the customer's clock; each renewal bills exactly the period that ended, the next starts at 0.
const MAR1 = Date.parse('2026-03-01T00:00:00Z') / 1000;
const APR1 = Date.parse('2026-04-01T00:00:00Z') / 1000;
const MAY1 = Date.parse('2026-05-01T00:00:00Z') / 1000;
const JUN1 = Date.parse('2026-06-01T00:00:00Z') / 1000;
const DAY = 86400;

async function meteredOnClock(stripe: Stripe) {
  const meter = await stripe.billing.meters.create({
    display_name: 'Requests',
    event_name: 'requests',
    default_aggregation: { formula: 'sum' },
  });
  const price = await stripe.prices.create({
    currency: 'usd',
    unit_amount: 3,
    product_data: { name: 'Requests' },
    recurring: { interval: 'month', usage_type: 'metered', meter: meter.id },
  });
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: MAR1 });
  const customer = await stripe.customers.create({ test_clock: clock.id });
  const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
  const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
  const use = (value: number, timestamp?: number) =>
    stripe.billing.meterEvents.create({
      event_name: 'requests',
      payload: { stripe_customer_id: customer.id, value: String(value) },
      ...(timestamp === undefined ? {} : { timestamp }),
    });
  const usageLines = async () =>
    (await stripe.invoices.list({ customer: customer.id })).data
      .filter((i) => i.billing_reason === 'subscription_cycle')
      .reverse()
      .map((i) => i.lines.data.map((l) => [l.period.start, l.period.end, l.quantity, l.amount]));
  const preview = async () =>
    (await stripe.invoices.createPreview({ customer: customer.id, subscription: sub.id })).lines.data.map((l) => [
      l.period.start,
      l.period.end,
      l.quantity,
    ]);
  return { meter, clock, customer, sub, use, usageLines, preview };
}

describe('metered usage on test clocks', () => {
  it("timestamps events by the customer's clock and bills each ended period's usage exactly once", async () => {
    const { stripe } = setup({ seed: 'none' });
    const { meter, clock, customer, use, usageLines, preview } = await meteredOnClock(stripe);
    // The clock is months behind real time: these timestamps are only accepted because of it.
    await advanceClock(stripe, clock.id, MAR1 + 10 * DAY);
    expect((await use(100)).timestamp).toBe(MAR1 + 10 * DAY);
    await advanceClock(stripe, clock.id, APR1 - 60);
    expect((await use(40)).timestamp).toBe(APR1 - 60);
    // A minute past the period end (within Stripe's 5 minutes ahead) belongs to April.
    await use(5, APR1 + 60);
    const tooLate = await stripeError(() => use(1, APR1 + 600));
    expect([tooLate.statusCode, tooLate.param]).toEqual([400, 'timestamp']);
    expect(await preview()).toEqual([[MAR1, APR1, 140]]);

    await advanceClock(stripe, clock.id, APR1 + 3600);
    expect(await usageLines()).toEqual([[[MAR1, APR1, 140, 420]]]);
    expect(await preview()).toEqual([[APR1, MAY1, 5]]);
    const april = await stripe.billing.meters.listEventSummaries(meter.id, {
      customer: customer.id,
      start_time: APR1,
      end_time: MAY1,
    });
    expect(april.data.map((s) => s.aggregated_value)).toEqual([5]);

    // One advance across two period ends: April and May are billed apart, each from its own window.
    await use(20);
    await advanceClock(stripe, clock.id, MAY1 + 12 * DAY);
    await use(7);
    await advanceClock(stripe, clock.id, JUN1 + 60);
    expect(await usageLines()).toEqual([[[MAR1, APR1, 140, 420]], [[APR1, MAY1, 25, 75]], [[MAY1, JUN1, 7, 21]]]);
    // The new period's window is fresh: nothing is counted yet.
    expect(await preview()).toEqual([[JUN1, Date.parse('2026-07-01T00:00:00Z') / 1000, 0]]);
  });

  it("a usage alert sums the current period: the ended period's usage no longer counts once the clock moves", async () => {
    const { stripe } = setup({ seed: 'none' });
    const { meter, clock, customer, use } = await meteredOnClock(stripe);
    await stripe.billing.alerts.create({
      alert_type: 'usage_threshold',
      title: 'Over 100',
      usage_threshold: {
        gte: 100,
        meter: meter.id,
        recurrence: 'one_time',
        filters: [{ type: 'customer', customer: customer.id }],
      },
    });
    const triggered = async () =>
      (await stripe.events.list({ type: 'billing.alert.triggered' })).data.map(
        (e) => (e.data.object as unknown as Stripe.Billing.AlertTriggered).value,
      );
    await use(90);
    await advanceClock(stripe, clock.id, APR1 + 60);
    // March's 90 do not count toward April: 30 more stay under the threshold.
    await use(30);
    expect(await triggered()).toEqual([]);
    await use(70);
    expect(await triggered()).toEqual([100]);
  });

  it('an item added mid-period bills the usage from its addition; a removed item bills none', async () => {
    const { stripe } = setup({ seed: 'none' });
    const { clock, customer, sub, use, usageLines } = await meteredOnClock(stripe);
    const meter = await stripe.billing.meters.create({
      display_name: 'Storage',
      event_name: 'storage_gb',
      default_aggregation: { formula: 'sum' },
    });
    const storage = await stripe.prices.create({
      currency: 'usd',
      unit_amount: 10,
      product_data: { name: 'Storage' },
      recurring: { interval: 'month', usage_type: 'metered', meter: meter.id },
    });
    const store = (value: number) =>
      stripe.billing.meterEvents.create({
        event_name: 'storage_gb',
        payload: { stripe_customer_id: customer.id, value: String(value) },
      });
    await advanceClock(stripe, clock.id, MAR1 + 2 * DAY);
    await store(500); // before the item exists: Stripe bills none of it
    await advanceClock(stripe, clock.id, MAR1 + 10 * DAY);
    const added = await stripe.subscriptions.update(sub.id, { items: [{ price: storage.id }] });
    const storageItem = added.items.data.find((i) => i.price.id === storage.id)!;
    await store(200);
    await use(4);
    await advanceClock(stripe, clock.id, APR1 + 3600);
    expect(await usageLines()).toEqual([
      [
        [MAR1, APR1, 4, 12],
        [MAR1 + 10 * DAY, APR1, 200, 2000],
      ],
    ]);
    await store(50);
    await stripe.subscriptions.update(sub.id, { items: [{ id: storageItem.id, deleted: true }] });
    await advanceClock(stripe, clock.id, MAY1 + 3600);
    expect((await usageLines())[1]).toEqual([[APR1, MAY1, 0, 0]]);
  });
});
