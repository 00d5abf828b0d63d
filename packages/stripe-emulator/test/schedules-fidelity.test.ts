import { describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { customerWithCard, fakeClock, setup, stripeError } from './helpers.js';

// Issue #17 items 15 and 16 (schedules): subscription schedules as Stripe creates and answers them.
describe('subscription schedules', () => {
  it('always answer default_settings.automatic_tax and phases[].default_tax_rates (fixtures3.json shape)', async () => {
    const { stripe } = setup({ seed: 'demo' });
    const schedule = await stripe.subscriptionSchedules.create({ from_subscription: DEMO.subscriptions.active });
    expect(schedule.default_settings.automatic_tax).toEqual({ disabled_reason: null, enabled: false, liability: null });
    expect(schedule.phases.map((ph) => ph.default_tax_rates)).toEqual([[]]);
  });

  it('can be created for a customer with phases, starting now: the schedule makes the subscription', async () => {
    const { stripe } = setup({ seed: 'demo' });
    const { customer } = await customerWithCard(stripe);
    const schedule = await stripe.subscriptionSchedules.create({
      customer: customer.id,
      start_date: 'now',
      end_behavior: 'release',
      phases: [
        { items: [{ price: DEMO.prices.starterMonthly }], duration: { interval: 'month', interval_count: 1 } },
        { items: [{ price: DEMO.prices.proMonthly, quantity: 2 }] },
      ],
    });
    expect(schedule).toMatchObject({ status: 'active', customer: customer.id, end_behavior: 'release' });
    expect(schedule.phases).toHaveLength(2);
    expect(schedule.phases[1]!.items[0]).toMatchObject({ price: DEMO.prices.proMonthly, quantity: 2 });
    const sub = await stripe.subscriptions.retrieve(schedule.subscription as string);
    expect(sub).toMatchObject({ status: 'active', customer: customer.id, schedule: schedule.id });
    expect(sub.items.data.map((i) => i.price.id)).toEqual([DEMO.prices.starterMonthly]);
  });

  it('with a future start_date stays not_started until then, then creates the subscription', async () => {
    const clock = fakeClock();
    const { stripe } = setup({ seed: 'demo', now: clock.now });
    const { customer } = await customerWithCard(stripe);
    const start = Math.floor(clock.now() / 1000) + 5 * 86400;
    const schedule = await stripe.subscriptionSchedules.create({
      customer: customer.id,
      start_date: start,
      phases: [{ items: [{ price: DEMO.prices.proMonthly }] }],
    });
    expect(schedule).toMatchObject({ status: 'not_started', subscription: null, current_phase: null });
    expect(schedule.phases[0]!.start_date).toBe(start);
    expect((await stripe.subscriptions.list({ customer: customer.id })).data).toHaveLength(0);
    clock.advance(5 * 86400 + 60);
    const started = await stripe.subscriptionSchedules.retrieve(schedule.id);
    expect(started.status).toBe('active');
    const sub = await stripe.subscriptions.retrieve(started.subscription as string);
    expect(sub).toMatchObject({ status: 'active', schedule: schedule.id });
  });

  it('refuses what Stripe refuses, and a back-dated start clearly', async () => {
    const { stripe } = setup({ seed: 'demo' });
    const both = await stripeError(() =>
      stripe.subscriptionSchedules.create({
        from_subscription: DEMO.subscriptions.active,
        customer: DEMO.customers.active,
      }),
    );
    expect(both.param).toBe('from_subscription');
    const noPhases = await stripeError(() => stripe.subscriptionSchedules.create({ customer: DEMO.customers.active }));
    expect(noPhases).toMatchObject({ code: 'parameter_missing', param: 'phases' });
    const past = await stripeError(() =>
      stripe.subscriptionSchedules.create({
        customer: DEMO.customers.active,
        start_date: 1000,
        phases: [{ items: [{ price: DEMO.prices.proMonthly }] }],
      }),
    );
    expect(past).toMatchObject({ code: 'emulator_unsupported_parameter', param: 'start_date' });
    const taxRates = await stripeError(() =>
      stripe.subscriptionSchedules.create({
        customer: DEMO.customers.active,
        phases: [{ items: [{ price: DEMO.prices.proMonthly }], default_tax_rates: ['txr_1'] }],
      }),
    );
    expect(taxRates).toMatchObject({ code: 'emulator_unsupported_parameter', param: 'phases[0][default_tax_rates]' });
    expect((await stripe.subscriptionSchedules.list({ customer: DEMO.customers.active })).data).toHaveLength(0);
  });
});
