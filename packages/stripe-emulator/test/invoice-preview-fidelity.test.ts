import { describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { setup, stripeError } from './helpers.js';

// Issue #17 item 16 (previews): `invoices.createPreview` takes what Stripe takes.
describe('invoice previews', () => {
  it('take a subscription without customer', async () => {
    const { stripe } = setup({ seed: 'demo' });
    const preview = await stripe.invoices.createPreview({ subscription: DEMO.subscriptions.active });
    expect(preview.customer).toBe(DEMO.customers.active);
    expect(preview.total).toBe(2900);
  });

  it('bill the next phase of schedule_details at the period end, changing nothing', async () => {
    const { stripe } = setup({ seed: 'demo' });
    const sub = await stripe.subscriptions.retrieve(DEMO.subscriptions.active);
    const item = sub.items.data[0]!;
    const preview = await stripe.invoices.createPreview({
      subscription: sub.id,
      schedule_details: {
        proration_behavior: 'none',
        phases: [
          {
            items: [{ price: item.price.id, quantity: 1 }],
            start_date: item.current_period_start,
            end_date: item.current_period_end,
          },
          {
            items: [{ price: DEMO.prices.businessMonthly, quantity: 3 }],
            duration: { interval: 'month', interval_count: 1 },
          },
        ],
      },
    });
    expect(preview.lines.data.map((l) => [l.pricing?.price_details?.price, l.quantity])).toEqual([
      [DEMO.prices.businessMonthly, 3],
    ]);
    expect(preview.total).toBe(3 * 9900);
    // A preview never changes anything: no schedule was left behind.
    expect((await stripe.subscriptions.retrieve(sub.id)).schedule).toBeNull();
    expect((await stripe.subscriptionSchedules.list()).data).toHaveLength(0);
  });

  it('preview a not-yet-started schedule as its first invoice, and refuse what is not emulated', async () => {
    const { stripe } = setup({ seed: 'demo' });
    const future = Math.floor(Date.now() / 1000) + 10 * 86400;
    const schedule = await stripe.subscriptionSchedules.create({
      customer: DEMO.customers.active,
      start_date: future,
      phases: [{ items: [{ price: DEMO.prices.teamMonthly, quantity: 4 }] }],
    });
    const preview = await stripe.invoices.createPreview({ schedule: schedule.id });
    expect(preview.customer).toBe(DEMO.customers.active);
    expect(preview.total).toBe(4 * 1200);
    const pause = await stripeError(() =>
      stripe.invoices.createPreview({
        subscription: DEMO.subscriptions.active,
        schedule_details: { pause_schedules: '' },
      }),
    );
    expect(pause).toMatchObject({ code: 'emulator_unsupported_parameter', param: 'schedule_details[pause_schedules]' });
  });
});
