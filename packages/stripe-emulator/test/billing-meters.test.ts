import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { advanceClock, fakeClock, setup, stripeError } from './helpers.js';

// Issue #20: Billing meters, meter events, cancellations and event summaries.
const NOW = Date.parse('2026-01-15T12:00:00Z') / 1000;
const HOUR = 3600;
const DAY = 86400;
const DAY_START = Date.parse('2026-01-15T00:00:00Z') / 1000;

function meterSetup() {
  const clock = fakeClock('2026-01-15T12:00:00Z');
  const { stripe, emulator } = setup({ seed: 'none', now: clock.now });
  return { stripe, emulator, clock };
}

async function apiCalls(stripe: Stripe, formula: 'sum' | 'count' | 'last' = 'sum', eventName = 'api_calls') {
  return stripe.billing.meters.create({
    display_name: 'API calls',
    event_name: eventName,
    default_aggregation: { formula },
  });
}

const report = (
  stripe: Stripe,
  customer: string,
  value: string,
  extra: Partial<Stripe.Billing.MeterEventCreateParams> = {},
) =>
  stripe.billing.meterEvents.create({
    event_name: 'api_calls',
    payload: { stripe_customer_id: customer, value },
    ...extra,
  });

const total = async (stripe: Stripe, meter: string, customer: string, start = DAY_START, end = DAY_START + DAY) =>
  (await stripe.billing.meters.listEventSummaries(meter, { customer, start_time: start, end_time: end })).data[0]!
    .aggregated_value;

describe('billing meters', () => {
  it('creates with Stripe defaults, retrieves, updates the display name and lists by status', async () => {
    const { stripe, clock } = meterSetup();
    const meter = await apiCalls(stripe);
    expect(meter).toMatchObject({
      object: 'billing.meter',
      display_name: 'API calls',
      event_name: 'api_calls',
      default_aggregation: { formula: 'sum' },
      customer_mapping: { event_payload_key: 'stripe_customer_id', type: 'by_id' },
      value_settings: { event_payload_key: 'value' },
      event_time_window: null,
      status: 'active',
      status_transitions: { deactivated_at: null },
      created: NOW,
      updated: NOW,
    });
    expect(meter.id).toMatch(/^mtr_/);
    clock.advance(60);
    const renamed = await stripe.billing.meters.update(meter.id, { display_name: 'Requests' });
    expect([renamed.display_name, renamed.updated]).toEqual(['Requests', NOW + 60]);
    expect((await stripe.billing.meters.retrieve(meter.id)).display_name).toBe('Requests');

    const custom = await stripe.billing.meters.create({
      display_name: 'Tokens',
      event_name: 'tokens',
      default_aggregation: { formula: 'count' },
      customer_mapping: { event_payload_key: 'cust', type: 'by_id' },
      value_settings: { event_payload_key: 'n' },
      event_time_window: 'hour',
    });
    expect([
      custom.customer_mapping.event_payload_key,
      custom.value_settings.event_payload_key,
      custom.event_time_window,
    ]).toEqual(['cust', 'n', 'hour']);
    await stripe.billing.meters.deactivate(custom.id);
    expect((await stripe.billing.meters.list()).data.map((m) => m.id)).toEqual([custom.id, meter.id]);
    expect((await stripe.billing.meters.list({ status: 'active' })).data.map((m) => m.id)).toEqual([meter.id]);
    expect((await stripe.billing.meters.list({ status: 'inactive', limit: 1 })).data.map((m) => m.id)).toEqual([
      custom.id,
    ]);
  });

  it('deactivates and reactivates, refusing a second active meter for the same event name', async () => {
    const { stripe, clock } = meterSetup();
    const meter = await apiCalls(stripe);
    const dup = await stripeError(() => apiCalls(stripe));
    expect([dup.statusCode, dup.param]).toEqual([400, 'event_name']);

    clock.advance(120);
    const off = await stripe.billing.meters.deactivate(meter.id);
    expect([off.status, off.status_transitions.deactivated_at]).toEqual(['inactive', NOW + 120]);
    expect((await stripeError(() => stripe.billing.meters.deactivate(meter.id))).statusCode).toBe(400);

    // The event name is free again while the first meter is inactive, so reactivating it is refused.
    const replacement = await apiCalls(stripe);
    expect((await stripeError(() => stripe.billing.meters.reactivate(meter.id))).param).toBe('event_name');
    await stripe.billing.meters.deactivate(replacement.id);
    const on = await stripe.billing.meters.reactivate(meter.id);
    expect([on.status, on.status_transitions.deactivated_at]).toEqual(['active', null]);
    expect((await stripeError(() => stripe.billing.meters.reactivate(meter.id))).statusCode).toBe(400);
  });

  it('refuses bad input and unknown meters', async () => {
    const { stripe } = meterSetup();
    const missing = await stripeError(() => stripe.billing.meters.retrieve('mtr_missing'));
    expect([missing.statusCode, missing.code]).toEqual([404, 'resource_missing']);
    const noFormula = await stripeError(() =>
      stripe.billing.meters.create({ display_name: 'x', event_name: 'x' } as Stripe.Billing.MeterCreateParams),
    );
    expect([noFormula.statusCode, noFormula.code, noFormula.param]).toEqual([
      400,
      'parameter_missing',
      'default_aggregation',
    ]);
    const badFormula = await stripeError(() =>
      stripe.billing.meters.create({ display_name: 'x', event_name: 'x', default_aggregation: { formula: 'max' } }),
    );
    expect([badFormula.statusCode, badFormula.param]).toEqual([400, 'default_aggregation[formula]']);
    const unknown = await stripeError(() =>
      stripe.billing.meters.update('mtr_missing', { event_name: 'y' } as Stripe.Billing.MeterUpdateParams),
    );
    expect([unknown.statusCode, unknown.code]).toEqual([400, 'parameter_unknown']);
  });
});

describe('billing meter events', () => {
  it('records an event and counts it toward its customer only', async () => {
    const { stripe } = meterSetup();
    const meter = await apiCalls(stripe);
    const [a, b] = [await stripe.customers.create(), await stripe.customers.create()];
    const event = await report(stripe, a.id, '7', { identifier: 'req_1' });
    expect(event).toEqual({
      object: 'billing.meter_event',
      created: NOW,
      event_name: 'api_calls',
      identifier: 'req_1',
      livemode: false,
      payload: { stripe_customer_id: a.id, value: '7' },
      timestamp: NOW,
    });
    await report(stripe, a.id, '5', { timestamp: NOW - 3 * DAY });
    await report(stripe, b.id, '100');
    expect(await total(stripe, meter.id, a.id)).toBe(7);
    expect(await total(stripe, meter.id, a.id, DAY_START - 7 * DAY)).toBe(12);
    expect(await total(stripe, meter.id, b.id)).toBe(100);
  });

  it('refuses a repeated identifier and timestamps outside 35 days past / 5 minutes ahead', async () => {
    const { stripe, clock } = meterSetup();
    await apiCalls(stripe);
    const customer = await stripe.customers.create();
    const first = await report(stripe, customer.id, '1');
    expect(first.identifier).toBeTruthy();
    const again = await stripeError(() => report(stripe, customer.id, '1', { identifier: first.identifier }));
    expect([again.statusCode, again.param]).toEqual([400, 'identifier']);
    clock.advance(DAY + 1);
    expect((await report(stripe, customer.id, '1', { identifier: first.identifier })).identifier).toBe(
      first.identifier,
    );

    const now = NOW + DAY + 1;
    await report(stripe, customer.id, '1', { timestamp: now - 35 * DAY });
    await report(stripe, customer.id, '1', { timestamp: now + 300 });
    for (const timestamp of [now - 35 * DAY - 1, now + 301]) {
      const err = await stripeError(() => report(stripe, customer.id, '1', { timestamp }));
      expect([err.statusCode, err.param]).toEqual([400, 'timestamp']);
    }
    const noPayload = await stripeError(() =>
      stripe.billing.meterEvents.create({ event_name: 'api_calls' } as Stripe.Billing.MeterEventCreateParams),
    );
    expect([noPayload.code, noPayload.param]).toEqual(['parameter_missing', 'payload']);
  });

  it('accepts but never counts events for an inactive meter, an unknown customer or a non-integer value', async () => {
    const { stripe } = meterSetup();
    const meter = await apiCalls(stripe);
    const customer = await stripe.customers.create();
    await report(stripe, 'cus_unknown', '3');
    await report(stripe, customer.id, '2.5');
    await report(stripe, customer.id, 'ten');
    await stripe.billing.meters.deactivate(meter.id);
    await report(stripe, customer.id, '4');
    await stripe.billing.meters.reactivate(meter.id);
    await report(stripe, customer.id, '1');
    expect(await total(stripe, meter.id, customer.id)).toBe(1);
  });

  it('cancels an event by identifier through a meter event adjustment', async () => {
    const { stripe } = meterSetup();
    const meter = await apiCalls(stripe);
    const customer = await stripe.customers.create();
    await report(stripe, customer.id, '10', { identifier: 'keep' });
    await report(stripe, customer.id, '90', { identifier: 'mistake' });
    const adjustment = await stripe.billing.meterEventAdjustments.create({
      event_name: 'api_calls',
      type: 'cancel',
      cancel: { identifier: 'mistake' },
    });
    expect(adjustment).toEqual({
      object: 'billing.meter_event_adjustment',
      cancel: { identifier: 'mistake' },
      event_name: 'api_calls',
      livemode: false,
      status: 'pending',
      type: 'cancel',
    });
    expect(await total(stripe, meter.id, customer.id)).toBe(10);
    const noIdentifier = await stripeError(() =>
      stripe.billing.meterEventAdjustments.create({ event_name: 'api_calls', type: 'cancel' }),
    );
    expect([noIdentifier.code, noIdentifier.param]).toEqual(['parameter_missing', 'cancel[identifier]']);
  });

  it("takes its default timestamp and accepted window from the customer's test clock", async () => {
    const { stripe } = meterSetup();
    const meter = await apiCalls(stripe);
    const frozen = NOW - 60 * DAY;
    const testClock = await stripe.testHelpers.testClocks.create({ frozen_time: frozen });
    const customer = await stripe.customers.create({ test_clock: testClock.id });
    expect((await report(stripe, customer.id, '2')).timestamp).toBe(frozen);
    expect((await stripeError(() => report(stripe, customer.id, '1', { timestamp: NOW }))).param).toBe('timestamp');
    await advanceClock(stripe, testClock.id, frozen + DAY);
    expect((await report(stripe, customer.id, '3')).timestamp).toBe(frozen + DAY);
    const start = frozen - (frozen % DAY);
    expect(await total(stripe, meter.id, customer.id, start, start + 2 * DAY)).toBe(5);
  });
});

describe('billing meter event summaries', () => {
  it('aggregates per formula and groups by hour or day, newest first', async () => {
    const { stripe } = meterSetup();
    const sum = await apiCalls(stripe, 'sum');
    const count = await apiCalls(stripe, 'count', 'logins');
    const last = await apiCalls(stripe, 'last', 'seats');
    const customer = await stripe.customers.create();
    for (const [event_name, value, at] of [
      ['api_calls', '3', DAY_START + HOUR + 5],
      ['api_calls', '4', DAY_START + HOUR + 50],
      ['api_calls', '5', DAY_START + 5 * HOUR],
      ['logins', '1', DAY_START + 10],
      ['logins', '1', DAY_START - DAY + 10],
      ['seats', '8', DAY_START + 2 * HOUR],
      ['seats', '6', DAY_START + 3 * HOUR],
    ] as const)
      await stripe.billing.meterEvents.create({
        event_name,
        payload: { stripe_customer_id: customer.id, value },
        timestamp: at,
      });

    expect(await total(stripe, sum.id, customer.id)).toBe(12);
    expect(await total(stripe, last.id, customer.id)).toBe(6);
    expect(await total(stripe, count.id, customer.id, DAY_START - DAY)).toBe(2);

    const hourly = await stripe.billing.meters.listEventSummaries(sum.id, {
      customer: customer.id,
      start_time: DAY_START,
      end_time: DAY_START + DAY,
      value_grouping_window: 'hour',
    });
    expect(hourly.data.map((s) => [s.start_time - DAY_START, s.end_time - DAY_START, s.aggregated_value])).toEqual([
      [5 * HOUR, 6 * HOUR, 5],
      [HOUR, 2 * HOUR, 7],
    ]);
    expect(hourly.data[0]).toMatchObject({ object: 'billing.meter_event_summary', meter: sum.id, livemode: false });
    const page2 = await stripe.billing.meters.listEventSummaries(sum.id, {
      customer: customer.id,
      start_time: DAY_START,
      end_time: DAY_START + DAY,
      value_grouping_window: 'hour',
      limit: 1,
      starting_after: hourly.data[0]!.id,
    });
    expect(page2.data.map((s) => s.aggregated_value)).toEqual([7]);

    const daily = await stripe.billing.meters.listEventSummaries(count.id, {
      customer: customer.id,
      start_time: DAY_START - DAY,
      end_time: DAY_START + DAY,
      value_grouping_window: 'day',
    });
    expect(daily.data.map((s) => [s.start_time, s.aggregated_value])).toEqual([
      [DAY_START, 1],
      [DAY_START - DAY, 1],
    ]);
  });

  it('refuses misaligned windows, an unknown customer or meter, and a missing customer', async () => {
    const { stripe } = meterSetup();
    const meter = await apiCalls(stripe);
    const customer = await stripe.customers.create();
    const list = (p: Partial<Stripe.Billing.MeterListEventSummariesParams>, id = meter.id) =>
      stripe.billing.meters.listEventSummaries(id, {
        customer: customer.id,
        start_time: DAY_START,
        end_time: DAY_START + DAY,
        ...p,
      } as Stripe.Billing.MeterListEventSummariesParams);
    const cases: Array<[Partial<Stripe.Billing.MeterListEventSummariesParams>, string]> = [
      [{ start_time: DAY_START + 30 }, 'start_time'],
      [{ end_time: DAY_START + DAY + 1 }, 'end_time'],
      [{ start_time: DAY_START + 60, value_grouping_window: 'hour' }, 'start_time'],
      [{ end_time: DAY_START + HOUR, value_grouping_window: 'day' }, 'end_time'],
      [{ start_time: DAY_START + DAY }, 'start_time'],
      [{ customer: undefined }, 'customer'],
    ];
    for (const [params, param] of cases) {
      const err = await stripeError(() => list(params));
      expect([err.statusCode, err.param]).toEqual([400, param]);
    }
    expect(await list({ start_time: DAY_START + 60, end_time: DAY_START + 120 })).toMatchObject({
      data: [{ aggregated_value: 0 }],
    });
    const noCustomer = await stripeError(() => list({ customer: 'cus_missing' }));
    expect([noCustomer.statusCode, noCustomer.code, noCustomer.param]).toEqual([400, 'resource_missing', 'customer']);
    const noMeter = await stripeError(() => list({}, 'mtr_missing'));
    expect([noMeter.statusCode, noMeter.code]).toEqual([404, 'resource_missing']);
  });
});
