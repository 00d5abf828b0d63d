import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { setup, stripeError } from './helpers.js';

// Issue #20: `event_time_window` says over which window the sender pre-aggregated its events
// (`day` or `hour`); Stripe stores and returns it, and it cannot change after creation.
describe('billing meter event_time_window', () => {
  const create = (stripe: Stripe, event_name: string, extra: Partial<Stripe.Billing.MeterCreateParams> = {}) =>
    stripe.billing.meters.create({
      display_name: event_name,
      event_name,
      default_aggregation: { formula: 'sum' },
      ...extra,
    });

  it('accepts day and hour, stores them and returns them on retrieve and list', async () => {
    const { stripe } = setup({ seed: 'none' });
    const daily = await create(stripe, 'daily_rollup', { event_time_window: 'day' });
    const hourly = await create(stripe, 'hourly_rollup', { event_time_window: 'hour' });
    const plain = await create(stripe, 'raw_events');
    expect([daily.event_time_window, hourly.event_time_window, plain.event_time_window]).toEqual(['day', 'hour', null]);
    expect((await stripe.billing.meters.retrieve(daily.id)).event_time_window).toBe('day');
    const listed = await stripe.billing.meters.list();
    expect(listed.data.map((m) => [m.event_name, m.event_time_window])).toEqual([
      ['raw_events', null],
      ['hourly_rollup', 'hour'],
      ['daily_rollup', 'day'],
    ]);
    // Renaming keeps it; it is not among the parameters an update accepts.
    expect((await stripe.billing.meters.update(hourly.id, { display_name: 'Hourly' })).event_time_window).toBe('hour');
    const update = await stripeError(() =>
      stripe.billing.meters.update(hourly.id, { event_time_window: 'day' } as Stripe.Billing.MeterUpdateParams),
    );
    expect([update.statusCode, update.code, update.param]).toEqual([400, 'parameter_unknown', 'event_time_window']);
  });

  it('refuses another window', async () => {
    const { stripe } = setup({ seed: 'none' });
    const err = await stripeError(() =>
      create(stripe, 'weekly', { event_time_window: 'week' as Stripe.Billing.MeterCreateParams.EventTimeWindow }),
    );
    expect([err.statusCode, err.type, err.param]).toEqual([400, 'StripeInvalidRequestError', 'event_time_window']);
    expect((await stripe.billing.meters.list()).data).toEqual([]);
  });
});
