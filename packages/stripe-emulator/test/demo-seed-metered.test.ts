import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { setup } from './helpers.js';

// Issue #20: the demo's usage-based customers. Their previews and invoices must bill the usage the
// meter reports, so the portal's usage screen can be checked against Stripe's own numbers.
const DAY = 86400;
const floorTo = (t: number, unit: number) => t - (t % unit);

/** The meter's total for `customer` over `[start, end)`, widened to minute boundaries (no demo event falls within a minute of a period boundary). */
async function meterTotal(stripe: Stripe, meter: string, customer: string, start: number, end: number) {
  const summaries = await stripe.billing.meters.listEventSummaries(meter, {
    customer,
    start_time: floorTo(start, 60),
    end_time: floorTo(end, 60) + 60,
  });
  return summaries.data[0]!.aggregated_value;
}

/** The API plan's graduated tiers, written out: 100,000 included, then 0.05¢, then 0.03¢ past a million. */
const apiUsageAmount = (q: number) =>
  Math.round(Math.max(0, Math.min(q, 1_000_000) - 100_000) * 0.05 + Math.max(0, q - 1_000_000) * 0.03);

const usageLine = (invoice: Stripe.Invoice, price: string) =>
  invoice.lines.data.find((l) => l.pricing?.price_details?.price === price)!;

describe('demo seed: usage-based customers', () => {
  it('API plan: the preview bills the current period usage on graduated tiers beside the platform fee', async () => {
    const { stripe } = setup();
    const sub = await stripe.subscriptions.retrieve(DEMO.subscriptions.meteredApi);
    expect(sub.status).toBe('active');
    expect(sub.items.data.map((i) => [i.price.id, i.price.recurring?.usage_type, i.quantity])).toEqual([
      [DEMO.prices.apiPlatformMonthly, 'licensed', 1],
      [DEMO.prices.apiRequestsMonthly, 'metered', undefined],
    ]);
    const requests = sub.items.data[1]!;
    expect(requests.price.recurring?.meter).toBe(DEMO.meters.apiRequests);
    expect(requests.price.tiers_mode).toBe('graduated');
    const now = Math.floor(Date.now() / 1000);
    // About three weeks into the current period.
    expect(Math.round((now - requests.current_period_start) / DAY)).toBeGreaterThanOrEqual(19);

    const preview = await stripe.invoices.createPreview({
      customer: DEMO.customers.meteredApi,
      subscription: sub.id,
    });
    const usage = usageLine(preview, DEMO.prices.apiRequestsMonthly);
    const used = await meterTotal(
      stripe,
      DEMO.meters.apiRequests,
      DEMO.customers.meteredApi,
      requests.current_period_start,
      now,
    );
    expect(used).toBeGreaterThan(100_000);
    expect([usage.quantity, usage.amount, usage.period.start]).toEqual([
      used,
      apiUsageAmount(used),
      requests.current_period_start,
    ]);
    expect(preview.total).toBe(4900 + apiUsageAmount(used));

    // Daily usage over the period: a batch on every day, weekends quieter than weekdays.
    const days = await stripe.billing.meters.listEventSummaries(DEMO.meters.apiRequests, {
      customer: DEMO.customers.meteredApi,
      start_time: floorTo(requests.current_period_start, DAY),
      end_time: floorTo(now, DAY) + DAY,
      value_grouping_window: 'day',
      limit: 100,
    });
    expect(days.data.length).toBeGreaterThanOrEqual(19);
    expect(days.data.reduce((sum, d) => sum + d.aggregated_value, 0)).toBeGreaterThanOrEqual(used);
  });

  it('API plan: the renewal billed exactly the first period usage, and it was paid', async () => {
    const { stripe } = setup();
    const invoices = await stripe.invoices.list({ customer: DEMO.customers.meteredApi });
    const renewal = invoices.data.find((i) => i.billing_reason === 'subscription_cycle')!;
    const usage = usageLine(renewal, DEMO.prices.apiRequestsMonthly);
    const used = await meterTotal(
      stripe,
      DEMO.meters.apiRequests,
      DEMO.customers.meteredApi,
      usage.period.start,
      usage.period.end,
    );
    expect(used).toBeGreaterThan(100_000);
    expect([usage.quantity, usage.amount, renewal.status]).toEqual([used, apiUsageAmount(used), 'paid']);
    expect(renewal.amount_paid).toBe(4900 + apiUsageAmount(used));
  });

  it('package plan: the preview bills every started 10,000 emails', async () => {
    const { stripe } = setup();
    const sub = await stripe.subscriptions.retrieve(DEMO.subscriptions.meteredPackage);
    const item = sub.items.data[0]!;
    expect([sub.status, item.price.id, item.price.transform_quantity]).toEqual([
      'active',
      DEMO.prices.emailsMonthly,
      { divide_by: 10000, round: 'up' },
    ]);
    const preview = await stripe.invoices.createPreview({
      customer: DEMO.customers.meteredPackage,
      subscription: sub.id,
    });
    const used = await meterTotal(
      stripe,
      DEMO.meters.emails,
      DEMO.customers.meteredPackage,
      item.current_period_start,
      Math.floor(Date.now() / 1000),
    );
    expect(used).toBeGreaterThan(10_000);
    const line = usageLine(preview, DEMO.prices.emailsMonthly);
    expect([line.quantity, line.amount, preview.total]).toEqual([
      used,
      Math.ceil(used / 10000) * 1000,
      Math.ceil(used / 10000) * 1000,
    ]);
    const renewal = (await stripe.invoices.list({ customer: DEMO.customers.meteredPackage })).data.find(
      (i) => i.billing_reason === 'subscription_cycle',
    )!;
    const billed = usageLine(renewal, DEMO.prices.emailsMonthly);
    expect(billed.amount).toBe(Math.ceil(billed.quantity! / 10000) * 1000);
    expect(billed.quantity).toBeGreaterThan(used);
  });
});
