import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { advanceClock, setup, stripeError } from './helpers.js';

// Issue #20: tiered and package (transform_quantity) metered prices, billed from the meter's usage.
const MAR1 = Date.parse('2026-03-01T00:00:00Z') / 1000;
const APR1 = Date.parse('2026-04-01T00:00:00Z') / 1000;

type PriceShape = Pick<
  Stripe.PriceCreateParams,
  'billing_scheme' | 'tiers' | 'tiers_mode' | 'transform_quantity' | 'unit_amount'
>;

/** A customer on a test clock subscribed to one metered price shaped by `shape`, with `usage` reported in March. */
async function billedFor(stripe: Stripe, shape: PriceShape, usage: number) {
  const meter = await stripe.billing.meters.create({
    display_name: 'Requests',
    event_name: 'requests',
    default_aggregation: { formula: 'sum' },
  });
  const price = await stripe.prices.create({
    currency: 'usd',
    product_data: { name: 'API' },
    recurring: { interval: 'month', usage_type: 'metered', meter: meter.id },
    ...shape,
  });
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: MAR1 });
  const customer = await stripe.customers.create({ test_clock: clock.id });
  const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
  const sub = await stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
  if (usage > 0)
    await stripe.billing.meterEvents.create({
      event_name: 'requests',
      payload: { stripe_customer_id: customer.id, value: String(usage) },
      timestamp: MAR1 + 60,
    });
  const preview = await stripe.invoices.createPreview({ customer: customer.id, subscription: sub.id });
  await advanceClock(stripe, clock.id, APR1 + 3600);
  const renewal = (await stripe.invoices.list({ customer: customer.id })).data[0]!;
  expect(renewal.billing_reason).toBe('subscription_cycle');
  const line = (inv: Stripe.Invoice) => [inv.lines.data[0]!.quantity, inv.lines.data[0]!.amount];
  return { preview: line(preview), renewal: line(renewal), paid: renewal.amount_paid };
}

const graduated: PriceShape = {
  billing_scheme: 'tiered',
  tiers_mode: 'graduated',
  tiers: [
    { up_to: 1000, unit_amount: 0 },
    { up_to: 10000, unit_amount: 2 },
    { up_to: 'inf', unit_amount: 1, flat_amount: 100 },
  ],
};

describe('tiered and package metered prices', () => {
  it('graduated: each band of the usage at its own rate, flat fees of the bands reached', async () => {
    const { stripe } = setup({ seed: 'none' });
    // 1000 free + 9000 × 2¢ + 2000 × 1¢ + 100 flat = 18000 + 2000 + 100
    const billed = await billedFor(stripe, graduated, 12000);
    expect(billed).toEqual({ preview: [12000, 20100], renewal: [12000, 20100], paid: 20100 });
  });

  it('graduated: a first tier with a flat fee is a minimum charge, even with no usage', async () => {
    const { stripe } = setup({ seed: 'none' });
    const withMinimum: PriceShape = {
      billing_scheme: 'tiered',
      tiers_mode: 'graduated',
      tiers: [
        { up_to: 100, flat_amount: 2000 },
        { up_to: 'inf', unit_amount: 10 },
      ],
    };
    expect(await billedFor(stripe, withMinimum, 0)).toEqual({ preview: [0, 2000], renewal: [0, 2000], paid: 2000 });
  });

  it('volume: the whole usage at the rate of the tier it ends in', async () => {
    const { stripe } = setup({ seed: 'none' });
    const volume: PriceShape = {
      billing_scheme: 'tiered',
      tiers_mode: 'volume',
      tiers: [
        { up_to: 1000, unit_amount: 2 },
        { up_to: 'inf', unit_amount: 1, flat_amount: 500 },
      ],
    };
    expect(await billedFor(stripe, volume, 1500)).toEqual({ preview: [1500, 2000], renewal: [1500, 2000], paid: 2000 });
  });

  it('package: usage divided into packages, rounded up or down', async () => {
    const { stripe } = setup({ seed: 'none' });
    const up = await billedFor(
      stripe,
      { unit_amount: 500, transform_quantity: { divide_by: 1000, round: 'up' } },
      2001,
    );
    expect(up).toEqual({ preview: [2001, 1500], renewal: [2001, 1500], paid: 1500 });
    const { stripe: other } = setup({ seed: 'none' });
    const down = await billedFor(
      other,
      { unit_amount: 500, transform_quantity: { divide_by: 1000, round: 'down' } },
      2999,
    );
    expect(down).toEqual({ preview: [2999, 1000], renewal: [2999, 1000], paid: 1000 });
  });

  it('refuses transform_quantity on a tiered price', async () => {
    const { stripe } = setup({ seed: 'none' });
    const meter = await stripe.billing.meters.create({
      display_name: 'Requests',
      event_name: 'requests',
      default_aggregation: { formula: 'sum' },
    });
    const err = await stripeError(() =>
      stripe.prices.create({
        currency: 'usd',
        product_data: { name: 'API' },
        recurring: { interval: 'month', usage_type: 'metered', meter: meter.id },
        ...graduated,
        transform_quantity: { divide_by: 10, round: 'up' },
      }),
    );
    expect([err.statusCode, err.param]).toEqual([400, 'transform_quantity']);
  });
});
