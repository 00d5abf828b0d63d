import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { advanceClock, setup, stripeError } from './helpers.js';

// Issue #20: metered prices backed by a meter are billed in arrears from the meter's usage.
const MAR1 = Date.parse('2026-03-01T00:00:00Z') / 1000;
const APR1 = Date.parse('2026-04-01T00:00:00Z') / 1000;
const MAY1 = Date.parse('2026-05-01T00:00:00Z') / 1000;
const DAY = 86400;

async function meteredSubscription(stripe: Stripe) {
  const meter = await stripe.billing.meters.create({
    display_name: 'API calls',
    event_name: 'api_calls',
    default_aggregation: { formula: 'sum' },
  });
  const price = await stripe.prices.create({
    currency: 'usd',
    unit_amount: 5,
    product_data: { name: 'API' },
    recurring: { interval: 'month', usage_type: 'metered', meter: meter.id },
  });
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: MAR1 });
  const customer = await stripe.customers.create({ test_clock: clock.id });
  const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
  const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
  const use = (value: string, timestamp: number) =>
    stripe.billing.meterEvents.create({
      event_name: 'api_calls',
      payload: { stripe_customer_id: customer.id, value },
      timestamp,
    });
  return { meter, price, clock, customer, sub, use };
}

describe('metered prices', () => {
  it('requires an existing meter on a metered price, and a metered price for a meter', async () => {
    const { stripe } = setup({ seed: 'none' });
    const base = { currency: 'usd', unit_amount: 5, product_data: { name: 'API' } };
    const noMeter = await stripeError(() =>
      stripe.prices.create({ ...base, recurring: { interval: 'month', usage_type: 'metered' } }),
    );
    expect([noMeter.code, noMeter.param]).toEqual(['parameter_missing', 'recurring[meter]']);
    const unknown = await stripeError(() =>
      stripe.prices.create({ ...base, recurring: { interval: 'month', usage_type: 'metered', meter: 'mtr_missing' } }),
    );
    expect([unknown.statusCode, unknown.code, unknown.param]).toEqual([400, 'resource_missing', 'recurring[meter]']);
    const meter = await stripe.billing.meters.create({
      display_name: 'x',
      event_name: 'x',
      default_aggregation: { formula: 'sum' },
    });
    const licensed = await stripeError(() =>
      stripe.prices.create({ ...base, recurring: { interval: 'month', meter: meter.id } }),
    );
    expect(licensed.param).toBe('recurring[meter]');
  });

  it('bills nothing up front, previews usage so far and bills the ended period at renewal', async () => {
    const { stripe } = setup({ seed: 'none' });
    const { clock, customer, sub, use } = await meteredSubscription(stripe);
    const first = await stripe.invoices.retrieve(sub.latest_invoice as string);
    expect([first.amount_due, first.status]).toEqual([0, 'paid']);

    await use('100', MAR1 + 60);
    await use('20', MAR1 + 120);
    const preview = await stripe.invoices.createPreview({ customer: customer.id, subscription: sub.id });
    expect(preview.amount_due).toBe(600);
    expect(preview.lines.data.map((l) => [l.quantity, l.amount, l.period.start, l.period.end])).toEqual([
      [120, 600, MAR1, APR1],
    ]);

    await advanceClock(stripe, clock.id, MAR1 + 20 * DAY);
    await use('30', MAR1 + 20 * DAY);
    await advanceClock(stripe, clock.id, APR1 + 3600);
    await use('7', APR1 + 3600);
    const invoices = await stripe.invoices.list({ customer: customer.id });
    const renewal = invoices.data[0]!;
    expect([renewal.billing_reason, renewal.status, renewal.amount_paid]).toEqual(['subscription_cycle', 'paid', 750]);
    expect(renewal.lines.data.map((l) => [l.quantity, l.amount, l.period.start, l.period.end])).toEqual([
      [150, 750, MAR1, APR1],
    ]);
    // April's usage so far is what the next invoice will bill.
    const next = await stripe.invoices.createPreview({ customer: customer.id, subscription: sub.id });
    expect(next.lines.data.map((l) => [l.quantity, l.period.start, l.period.end])).toEqual([[7, APR1, MAY1]]);
  });
});
