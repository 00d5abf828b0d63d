import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { setup, stripeError } from './helpers.js';

// Issue #20: usage threshold alerts on a meter, announced by `billing.alert.triggered`.
async function meterAndCustomers(stripe: Stripe) {
  const meter = await stripe.billing.meters.create({
    display_name: 'API calls',
    event_name: 'api_calls',
    default_aggregation: { formula: 'sum' },
  });
  const ada = await stripe.customers.create({ email: 'ada@example.test' });
  const bob = await stripe.customers.create({ email: 'bob@example.test' });
  const use = (customer: string, value: string, identifier?: string) =>
    stripe.billing.meterEvents.create({
      event_name: 'api_calls',
      payload: { stripe_customer_id: customer, value },
      ...(identifier ? { identifier } : {}),
    });
  return { meter, ada, bob, use };
}

async function triggered(stripe: Stripe): Promise<Stripe.Billing.AlertTriggered[]> {
  const events = await stripe.events.list({ type: 'billing.alert.triggered' });
  return events.data.map((e) => (e as Stripe.BillingAlertTriggeredEvent).data.object);
}

describe('billing alerts', () => {
  it('creates, retrieves and lists usage threshold alerts, filtered by type and meter, archived ones left out', async () => {
    const { stripe } = setup({ seed: 'none' });
    const { meter, ada } = await meterAndCustomers(stripe);
    const other = await stripe.billing.meters.create({
      display_name: 'Seats',
      event_name: 'seats',
      default_aggregation: { formula: 'last' },
    });
    const alert = await stripe.billing.alerts.create({
      alert_type: 'usage_threshold',
      title: 'Ada passed 100 calls',
      usage_threshold: {
        gte: 100,
        meter: meter.id,
        recurrence: 'one_time',
        filters: [{ type: 'customer', customer: ada.id }],
      },
    });
    expect(alert).toMatchObject({
      object: 'billing.alert',
      alert_type: 'usage_threshold',
      status: 'active',
      title: 'Ada passed 100 calls',
      livemode: false,
      usage_threshold: {
        gte: 100,
        meter: meter.id,
        recurrence: 'one_time',
        filters: [{ type: 'customer', customer: ada.id }],
      },
    });
    expect(alert.id).toMatch(/^alrt_/);
    const global = await stripe.billing.alerts.create({
      alert_type: 'usage_threshold',
      title: 'Seats',
      usage_threshold: { gte: 5, meter: other.id, recurrence: 'one_time' },
    });
    expect(global.usage_threshold?.filters).toBeNull();

    const expanded = await stripe.billing.alerts.retrieve(alert.id, { expand: ['usage_threshold.meter'] });
    expect((expanded.usage_threshold?.meter as Stripe.Billing.Meter).event_name).toBe('api_calls');
    expect((await stripe.billing.alerts.list()).data.map((a) => a.id)).toEqual([global.id, alert.id]);
    expect((await stripe.billing.alerts.list({ meter: meter.id })).data.map((a) => a.id)).toEqual([alert.id]);
    expect((await stripe.billing.alerts.list({ alert_type: 'usage_threshold' })).data).toHaveLength(2);

    const archived = await stripe.billing.alerts.archive(global.id);
    expect(archived.status).toBe('archived');
    expect((await stripe.billing.alerts.list()).data.map((a) => a.id)).toEqual([alert.id]);
    expect((await stripe.billing.alerts.retrieve(global.id)).status).toBe('archived');
  });

  it('refuses bad alerts: missing threshold, unknown meter or customer, two filters, unknown id, reviving an archived alert', async () => {
    const { stripe } = setup({ seed: 'none' });
    const { meter, ada, bob } = await meterAndCustomers(stripe);
    const noThreshold = await stripeError(() =>
      stripe.billing.alerts.create({ alert_type: 'usage_threshold', title: 'x' }),
    );
    expect([noThreshold.code, noThreshold.param]).toEqual(['parameter_missing', 'usage_threshold']);
    const noTitle = await stripeError(() =>
      stripe.billing.alerts.create({
        alert_type: 'usage_threshold',
        usage_threshold: { gte: 1, meter: meter.id, recurrence: 'one_time' },
      } as Stripe.Billing.AlertCreateParams),
    );
    expect([noTitle.code, noTitle.param]).toEqual(['parameter_missing', 'title']);
    const unknownMeter = await stripeError(() =>
      stripe.billing.alerts.create({
        alert_type: 'usage_threshold',
        title: 'x',
        usage_threshold: { gte: 1, meter: 'mtr_missing', recurrence: 'one_time' },
      }),
    );
    expect([unknownMeter.statusCode, unknownMeter.code, unknownMeter.param]).toEqual([
      400,
      'resource_missing',
      'usage_threshold[meter]',
    ]);
    const unknownCustomer = await stripeError(() =>
      stripe.billing.alerts.create({
        alert_type: 'usage_threshold',
        title: 'x',
        usage_threshold: {
          gte: 1,
          meter: meter.id,
          recurrence: 'one_time',
          filters: [{ type: 'customer', customer: 'cus_missing' }],
        },
      }),
    );
    expect([unknownCustomer.code, unknownCustomer.param]).toEqual([
      'resource_missing',
      'usage_threshold[filters][0][customer]',
    ]);
    const twoFilters = await stripeError(() =>
      stripe.billing.alerts.create({
        alert_type: 'usage_threshold',
        title: 'x',
        usage_threshold: {
          gte: 1,
          meter: meter.id,
          recurrence: 'one_time',
          filters: [
            { type: 'customer', customer: ada.id },
            { type: 'customer', customer: bob.id },
          ],
        },
      }),
    );
    expect(twoFilters.param).toBe('usage_threshold[filters]');
    const missing = await stripeError(() => stripe.billing.alerts.retrieve('alrt_missing'));
    expect([missing.statusCode, missing.code]).toEqual([404, 'resource_missing']);

    const alert = await stripe.billing.alerts.create({
      alert_type: 'usage_threshold',
      title: 'x',
      usage_threshold: { gte: 1, meter: meter.id, recurrence: 'one_time' },
    });
    await stripe.billing.alerts.archive(alert.id);
    const revive = await stripeError(() => stripe.billing.alerts.activate(alert.id));
    expect([revive.statusCode, revive.type]).toEqual([400, 'StripeInvalidRequestError']);
    expect((await stripeError(() => stripe.billing.alerts.deactivate(alert.id))).statusCode).toBe(400);
  });

  it("triggers once per customer when the customer's usage reaches the threshold, only while active and only for the filtered customer", async () => {
    const { stripe } = setup({ seed: 'none' });
    const { meter, ada, bob, use } = await meterAndCustomers(stripe);
    const adaOnly = await stripe.billing.alerts.create({
      alert_type: 'usage_threshold',
      title: 'Ada at 100',
      usage_threshold: {
        gte: 100,
        meter: meter.id,
        recurrence: 'one_time',
        filters: [{ type: 'customer', customer: ada.id }],
      },
    });
    await use(ada.id, '60');
    await use(bob.id, '150');
    expect(await triggered(stripe)).toEqual([]);
    await use(ada.id, '40');
    const [first, ...rest] = await triggered(stripe);
    expect(rest).toEqual([]);
    expect(first).toMatchObject({
      object: 'billing.alert_triggered',
      customer: ada.id,
      value: 100,
      livemode: false,
      alert: { id: adaOnly.id, status: 'active' },
    });
    expect(typeof first!.created).toBe('number');
    // one_time: crossing again later does not announce it again.
    await use(ada.id, '500');
    expect(await triggered(stripe)).toHaveLength(1);

    // An inactive alert does not trigger; activated again, it does for usage already above it.
    const everyone = await stripe.billing.alerts.create({
      alert_type: 'usage_threshold',
      title: 'Anyone at 1000',
      usage_threshold: { gte: 1000, meter: meter.id, recurrence: 'one_time' },
    });
    expect((await stripe.billing.alerts.deactivate(everyone.id)).status).toBe('inactive');
    await use(bob.id, '900');
    expect(await triggered(stripe)).toHaveLength(1);
    expect((await stripe.billing.alerts.activate(everyone.id)).status).toBe('active');
    await use(bob.id, '1');
    const latest = (await triggered(stripe))[0]!;
    expect([latest.alert.id, latest.customer, latest.value]).toEqual([everyone.id, bob.id, 1051]);
  });

  it('evaluates after a cancel adjustment (a `last` meter can rise when its latest event is cancelled)', async () => {
    const { stripe } = setup({ seed: 'none' });
    await stripe.billing.meters.create({
      display_name: 'Seats',
      event_name: 'seats',
      default_aggregation: { formula: 'last' },
    });
    const meter = (await stripe.billing.meters.list()).data[0]!;
    const ada = await stripe.customers.create();
    const seats = (value: string, identifier: string, timestamp: number) =>
      stripe.billing.meterEvents.create({
        event_name: 'seats',
        identifier,
        timestamp,
        payload: { stripe_customer_id: ada.id, value },
      });
    await stripe.billing.alerts.create({
      alert_type: 'usage_threshold',
      title: '10 seats',
      usage_threshold: { gte: 10, meter: meter.id, recurrence: 'one_time' },
    });
    const now = Math.floor(Date.now() / 1000);
    await seats('3', 'latest', now - 60);
    await seats('12', 'earlier', now - 120);
    expect(await triggered(stripe)).toEqual([]);
    await stripe.billing.meterEventAdjustments.create({
      event_name: 'seats',
      type: 'cancel',
      cancel: { identifier: 'latest' },
    });
    const [fired] = await triggered(stripe);
    expect([fired?.customer, fired?.value]).toEqual([ada.id, 12]);
  });
});
