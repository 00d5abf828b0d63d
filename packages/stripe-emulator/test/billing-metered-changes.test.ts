import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { advanceClock, setup, stripeError } from './helpers.js';

// Issue #20: metered items are billed in arrears, so they never prorate; a final invoice
// (`cancel` with `invoice_now`) or a reset billing cycle bills their usage so far at once.
const MAR1 = Date.parse('2026-03-01T00:00:00Z') / 1000;
const APR1 = Date.parse('2026-04-01T00:00:00Z') / 1000;
const DAY = 86400;
const MAR16 = MAR1 + 15 * DAY;

/** A graduated price whose first tier is a flat fee: a licensed proration of it would not be zero. */
const tiers = (
  flat: number,
  unit: number,
): Pick<Stripe.PriceCreateParams, 'billing_scheme' | 'tiers' | 'tiers_mode'> => ({
  billing_scheme: 'tiered',
  tiers_mode: 'graduated',
  tiers: [
    { up_to: 1000, flat_amount: flat },
    { up_to: 'inf', unit_amount: unit },
  ],
});

/** Platform fee ($49, licensed) plus requests (metered, graduated) for a customer on a test clock, 3000 requests on day 5. */
async function apiPlan(stripe: Stripe) {
  const meter = await stripe.billing.meters.create({
    display_name: 'Requests',
    event_name: 'requests',
    default_aggregation: { formula: 'sum' },
  });
  const recurring = { interval: 'month' as const, usage_type: 'metered' as const, meter: meter.id };
  const product = await stripe.products.create({ name: 'Requests' });
  const requests = await stripe.prices.create({ currency: 'usd', product: product.id, recurring, ...tiers(500, 2) });
  const requestsCheaper = await stripe.prices.create({
    currency: 'usd',
    product: product.id,
    recurring,
    ...tiers(900, 1),
  });
  const platform = await stripe.prices.create({
    currency: 'usd',
    unit_amount: 4900,
    product_data: { name: 'Platform' },
    recurring: { interval: 'month' },
  });
  const clock = await stripe.testHelpers.testClocks.create({ frozen_time: MAR1 });
  const customer = await stripe.customers.create({ test_clock: clock.id });
  const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
  await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
  const sub = await stripe.subscriptions.create({
    customer: customer.id,
    items: [{ price: platform.id }, { price: requests.id }],
  });
  const [platformItem, requestsItem] = sub.items.data.map((i) => i.id);
  await advanceClock(stripe, clock.id, MAR1 + 5 * DAY);
  await stripe.billing.meterEvents.create({
    event_name: 'requests',
    payload: { stripe_customer_id: customer.id, value: '3000' },
  });
  await advanceClock(stripe, clock.id, MAR16);
  return {
    clock,
    customer,
    sub,
    platform,
    requests,
    requestsCheaper,
    platformItem: platformItem!,
    requestsItem: requestsItem!,
  };
}

const lineSummary = (inv: Stripe.Invoice) =>
  inv.lines.data.map((l) => ({
    item: l.parent?.subscription_item_details?.subscription_item ?? l.parent?.invoice_item_details?.invoice_item,
    proration: l.parent?.subscription_item_details?.proration ?? l.parent?.invoice_item_details?.proration,
    quantity: l.quantity,
    amount: l.amount,
  }));

describe('metered items when a subscription is cancelled', () => {
  it('invoice_now bills the usage of the current period up to now; prorate credits only the licensed item', async () => {
    const { stripe } = setup({ seed: 'none' });
    const { clock, customer, sub, platformItem, requestsItem } = await apiPlan(stripe);
    const canceled = await stripe.subscriptions.cancel(sub.id, { invoice_now: true, prorate: true });
    expect(canceled.status).toBe('canceled');
    const final = await stripe.invoices.retrieve(canceled.latest_invoice as string);
    const usage = final.lines.data.find(
      (l) => l.parent?.subscription_item_details?.subscription_item === requestsItem,
    )!;
    // 1000 in the flat tier ($5) + 2000 × 2¢.
    expect([usage.quantity, usage.amount, usage.period]).toEqual([3000, 4500, { start: MAR1, end: MAR16 }]);
    const credits = final.lines.data.filter((l) => l.amount < 0);
    expect(credits.map((l) => l.pricing?.price_details?.price)).toEqual([
      sub.items.data.find((i) => i.id === platformItem)!.price.id,
    ]);
    expect(credits[0]!.amount).toBe(-Math.round((4900 * (APR1 - MAR16)) / (APR1 - MAR1)));
    expect([final.status, final.total]).toEqual(['paid', 4500 + credits[0]!.amount]);

    // The usage billed at cancellation is not billed again: the period end passes without an invoice.
    const before = (await stripe.invoices.list({ customer: customer.id })).data.length;
    await advanceClock(stripe, clock.id, APR1 + DAY);
    expect((await stripe.invoices.list({ customer: customer.id })).data.length).toBe(before);
    const again = await stripeError(() => stripe.subscriptions.cancel(sub.id, { invoice_now: true }));
    expect(again.statusCode).toBe(400);
  });

  it('without invoice_now no final invoice is made; a cancel_now preview shows the usage', async () => {
    const { stripe } = setup({ seed: 'none' });
    const { customer, sub } = await apiPlan(stripe);
    const preview = await stripe.invoices.createPreview({
      customer: customer.id,
      subscription: sub.id,
      subscription_details: { cancel_now: true, proration_behavior: 'none' },
    });
    expect(lineSummary(preview).map((l) => [l.quantity, l.amount])).toEqual([[3000, 4500]]);
    const canceled = await stripe.subscriptions.cancel(sub.id);
    expect(canceled.latest_invoice).toBe(sub.latest_invoice);
  });
});

describe('metered items on plan and quantity changes', () => {
  it('a quantity change prorates only the licensed item, in the preview and for real', async () => {
    const { stripe } = setup({ seed: 'none' });
    const { customer, sub, platformItem, requestsItem, requestsCheaper } = await apiPlan(stripe);
    const items = [
      { id: platformItem, quantity: 2 },
      { id: requestsItem, price: requestsCheaper.id },
    ];
    const preview = await stripe.invoices.createPreview({
      customer: customer.id,
      subscription: sub.id,
      subscription_details: { items, proration_date: MAR16 },
    });
    const prorations = lineSummary(preview).filter((l) => l.proration);
    expect(prorations.map((l) => l.amount)).toEqual([
      -Math.round((4900 * (APR1 - MAR16)) / (APR1 - MAR1)),
      Math.round((9800 * (APR1 - MAR16)) / (APR1 - MAR1)),
    ]);
    // Stripe (classic billing mode): after a switch between meter prices, only the usage from the
    // switch on is billed, at the new price; the 3000 before it are not. Here: the new $9 flat tier.
    const usage = (inv: Stripe.Invoice) =>
      inv.lines.data.filter((l) => l.pricing?.price_details?.price === requestsCheaper.id);
    expect(usage(preview).map((l) => [l.quantity, l.amount, l.period.start])).toEqual([[0, 900, MAR16]]);

    await stripe.subscriptions.update(sub.id, { items, proration_behavior: 'create_prorations' });
    const pending = await stripe.invoiceItems.list({ customer: customer.id, pending: true });
    expect(pending.data.map((ii) => ii.parent?.subscription_details?.subscription_item)).toEqual([
      platformItem,
      platformItem,
    ]);
    await stripe.billing.meterEvents.create({
      event_name: 'requests',
      payload: { stripe_customer_id: customer.id, value: '1500' },
    });
    const after = await stripe.invoices.createPreview({ customer: customer.id, subscription: sub.id });
    // 1000 in the $9 flat tier + 500 × 1¢.
    expect(usage(after).map((l) => [l.quantity, l.amount, l.period.start])).toEqual([[1500, 1400, MAR16]]);
  });

  it('switching between licensed and metered prices credits and charges only the licensed side', async () => {
    const { stripe } = setup({ seed: 'none' });
    const { customer, sub, platformItem, requestsItem, platform, requestsCheaper } = await apiPlan(stripe);
    // The platform item becomes metered (a second price on the same meter), the requests item drops away.
    const toMetered = await stripe.invoices.createPreview({
      customer: customer.id,
      subscription: sub.id,
      subscription_details: {
        items: [
          { id: platformItem, price: requestsCheaper.id },
          { id: requestsItem, deleted: true },
        ],
        proration_date: MAR16,
      },
    });
    const prorations = lineSummary(toMetered).filter((l) => l.proration);
    expect(prorations.map((l) => [l.item, l.amount])).toEqual([
      [platformItem, -Math.round((4900 * (APR1 - MAR16)) / (APR1 - MAR1))],
    ]);
    const toLicensed = await stripe.invoices.createPreview({
      customer: customer.id,
      subscription: sub.id,
      subscription_details: {
        items: [
          { id: platformItem, deleted: true },
          { id: requestsItem, price: platform.id, quantity: 1 },
        ],
        proration_date: MAR16,
      },
    });
    // The old platform item's unused time is credited and the item now on the platform price is charged; the metered side adds nothing.
    const unused = Math.round((4900 * (APR1 - MAR16)) / (APR1 - MAR1));
    expect(
      lineSummary(toLicensed)
        .filter((l) => l.proration)
        .map((l) => l.amount),
    ).toEqual([-unused, unused]);
    const refused = await stripeError(() =>
      stripe.subscriptions.update(sub.id, { items: [{ id: requestsItem, price: 'price_missing' }] }),
    );
    expect([refused.statusCode, refused.code]).toEqual([400, 'resource_missing']);
  });

  it('a reset billing cycle bills the usage so far at once, and the new period starts from zero', async () => {
    const { stripe } = setup({ seed: 'none' });
    const { customer, sub, requestsItem } = await apiPlan(stripe);
    const updated = await stripe.subscriptions.update(sub.id, {
      billing_cycle_anchor: { type: 'now' },
      proration_behavior: 'none',
    });
    const invoice = await stripe.invoices.retrieve(updated.latest_invoice as string);
    const usage = lineSummary(invoice).filter((l) => l.item === requestsItem);
    // Arrears: March 1–16's 3000 requests; then the new period's minimum (flat tier, no usage yet) is not billed up front.
    expect(usage).toEqual([
      { item: requestsItem, proration: false, quantity: 3000, amount: 4500 },
      { item: requestsItem, proration: false, quantity: 0, amount: 0 },
    ]);
    const next = await stripe.invoices.createPreview({ customer: customer.id, subscription: sub.id });
    expect(lineSummary(next).filter((l) => l.item === requestsItem)).toEqual([
      { item: requestsItem, proration: false, quantity: 0, amount: 500 },
    ]);
  });
});
