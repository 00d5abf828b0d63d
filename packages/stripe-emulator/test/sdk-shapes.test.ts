import { describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { setup } from './helpers.js';
import { objectMismatches, schemas, seen } from './support/sdk-validation.js';

/**
 * Every response in the suite is validated against schemas generated from the SDK's types (see
 * `support/validating-http-client.ts`). This file makes sure every kind of object the emulator
 * answers with is among them, including deleted forms, list and search envelopes and errors.
 */
describe('responses match the SDK type definitions', () => {
  it('validates every kind of object the emulator returns', async () => {
    const { stripe } = setup();
    const multi = await stripe.subscriptions.retrieve(DEMO.subscriptions.multiItem);
    const pastDue = await stripe.subscriptions.retrieve(DEMO.subscriptions.pastDue);

    await stripe.customers.list({ limit: 100, expand: ['data.tax_ids', 'data.subscriptions'] });
    await stripe.customers.search({ query: "email~'example.com'" });
    await stripe.products.list({ limit: 100 });
    await stripe.prices.list({ limit: 100, expand: ['data.product'] });
    await stripe.subscriptions.list({
      status: 'all',
      limit: 100,
      expand: ['data.customer', 'data.latest_invoice', 'data.default_payment_method'],
    });
    await stripe.subscriptionItems.list({ subscription: multi.id });
    await stripe.invoices.list({ limit: 100, expand: ['data.discounts'] });
    await stripe.invoices.listLineItems(pastDue.latest_invoice as string);
    await stripe.invoices.retrieve(pastDue.latest_invoice as string, { expand: ['confirmation_secret', 'customer'] });
    await stripe.customers.listPaymentMethods(DEMO.customers.active);
    await stripe.coupons.retrieve(DEMO.coupons.welcome20);
    await stripe.promotionCodes.retrieve(DEMO.promotionCodes.welcome20, { expand: ['promotion.coupon'] });
    await stripe.customers.listTaxIds(DEMO.customers.cancelAtPeriodEnd);
    await stripe.customers.createBalanceTransaction(DEMO.customers.active, { amount: -100, currency: 'usd' });
    await stripe.invoicePayments.list({ limit: 100 });

    const withDiscount = await stripe.subscriptions.update(multi.id, {
      discounts: [{ coupon: DEMO.coupons.retention50 }],
      items: [{ id: multi.items.data[0]!.id, quantity: 2 }],
      expand: ['discounts'],
    });
    expect(withDiscount.discounts).toHaveLength(1);
    await stripe.invoiceItems.list({ customer: DEMO.customers.multiItem });
    await stripe.invoices.createPreview({ customer: DEMO.customers.multiItem, subscription: multi.id });
    await stripe.subscriptions.deleteDiscount(multi.id);

    const si = await stripe.setupIntents.create({
      customer: DEMO.customers.active,
      automatic_payment_methods: { enabled: true },
    });
    await stripe.setupIntents.confirm(si.id, {
      payment_method: 'pm_card_authenticationRequiredOnSetup',
      return_url: 'https://a.example',
    });
    await stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    const we = await stripe.webhookEndpoints.create({ url: 'https://hooks.example/x', enabled_events: ['*'] });
    await stripe.webhookEndpoints.del(we.id);
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: 1767225600 });
    await stripe.testHelpers.testClocks.del(clock.id);
    await stripe.subscriptionSchedules.create({ from_subscription: DEMO.subscriptions.active });
    await stripe.billingPortal.configurations.create({
      features: { invoice_history: { enabled: true } },
      business_profile: { headline: 'Hi' },
    });
    await stripe.billingPortal.sessions.create({
      customer: DEMO.customers.active,
      return_url: 'https://a.example',
      flow_data: { type: 'payment_method_update' },
    });
    const meter = await stripe.billing.meters.create({
      display_name: 'API calls',
      event_name: 'api_calls',
      default_aggregation: { formula: 'sum' },
    });
    await stripe.billing.alerts.create({
      alert_type: 'usage_threshold',
      title: 'Shape',
      usage_threshold: { gte: 3, meter: meter.id, recurrence: 'one_time' },
    });
    await stripe.billing.meterEvents.create({
      event_name: 'api_calls',
      payload: { stripe_customer_id: DEMO.customers.active, value: '3' },
      identifier: 'shape',
    });
    await stripe.billing.meterEventAdjustments.create({
      event_name: 'api_calls',
      type: 'cancel',
      cancel: { identifier: 'shape' },
    });
    const minute = Math.floor(Date.now() / 60_000) * 60;
    await stripe.billing.meters.listEventSummaries(meter.id, {
      customer: DEMO.customers.active,
      start_time: minute - 3600,
      end_time: minute + 60,
    });

    const product = await stripe.products.create({ name: 'Doomed' });
    await stripe.products.del(product.id);
    const coupon = await stripe.coupons.create({ percent_off: 10, duration: 'once' });
    await stripe.coupons.del(coupon.id);
    const taxId = await stripe.customers.createTaxId(DEMO.customers.active, { type: 'eu_vat', value: 'DE123456789' });
    await stripe.customers.deleteTaxId(DEMO.customers.active, taxId.id);
    const item = await stripe.invoiceItems.create({ customer: DEMO.customers.active, amount: 500, currency: 'usd' });
    await stripe.invoiceItems.update(item.id, { description: 'Setup fee' });
    await stripe.invoiceItems.del(item.id);
    const draft = await stripe.invoices.create({ customer: DEMO.customers.active });
    await stripe.invoices.del(draft.id);
    const extra = await stripe.subscriptionItems.create({
      subscription: DEMO.subscriptions.multiSeat,
      price: 'price_demo_support_monthly',
    });
    await stripe.subscriptionItems.del(extra.id);
    // A downgrade billed at once credits the customer: a customer balance transaction.
    const active = await stripe.subscriptions.retrieve(DEMO.subscriptions.active);
    await stripe.subscriptions.update(active.id, {
      items: [{ id: active.items.data[0]!.id, price: DEMO.prices.starterMonthly }],
      proration_behavior: 'always_invoice',
    });
    const [txn] = (await stripe.customers.listBalanceTransactions(DEMO.customers.active)).data;
    await stripe.customers.retrieveBalanceTransaction(DEMO.customers.active, txn!.id);
    await stripe.customers.del(DEMO.customers.trialing);
    await expect(stripe.customers.retrieve('cus_missing')).rejects.toThrow(/No such customer/);
    // Every event this run caused (and the seed's), each against its own event type's schema.
    for await (const _event of stripe.events.list({ limit: 100 })) void _event;

    // Only ever inside other objects or events (no /v1/charges or /v1/invoice_payments here yet), where their schemas apply.
    const nestedOnly = new Set(['plan', 'discount', 'charge', 'invoice_payment', 'billing.alert_triggered']);
    const expected = [
      ...Object.keys(schemas.resources).filter((o) => !nestedOnly.has(o)),
      ...[
        'customer',
        'product',
        'coupon',
        'discount',
        'tax_id',
        'invoiceitem',
        'invoice',
        'subscription_item',
        'webhook_endpoint',
        'test_helpers.test_clock',
      ].map((o) => `${o} (deleted)`),
      'list',
      'search_result',
      'error',
      'event customer.created',
      'event customer.subscription.updated',
      'event invoice.paid',
      'event billing.alert.triggered',
    ];
    expect(expected.filter((k) => !seen.has(k))).toEqual([]);
  }, 60_000);

  it('catches what it should: undeclared fields, missing fields, unknown enum values, wrong types', async () => {
    const { emulator } = setup();
    // Wire JSON: the SDK's parsed objects carry Decimal instances where the wire has strings.
    const res = await emulator.core.dispatch({
      method: 'GET',
      url: `/v1/subscriptions/${DEMO.subscriptions.active}?expand[]=customer`,
      headers: { authorization: 'Bearer sk_test_x' },
      body: '',
    });
    const bad = JSON.parse(String(res.body)) as Record<string, any>;
    expect(objectMismatches(structuredClone(bad), 'untouched')).toEqual([]);
    bad.plan = 'price_x';
    delete bad.created;
    bad.status = 'paused_forever';
    bad.customer.email = 42;
    expect(objectMismatches(bad, 'tampered').map((m) => m.replace(/^tampered subscription \S+ at /, ''))).toEqual([
      "/: must have required property 'created'",
      "/: has 'plan', not in the SDK type",
      '/customer/email: must be string,null',
      '/status: must be one of ["active","canceled","incomplete","incomplete_expired","past_due","paused","trialing","unpaid"]',
    ]);
  });
});
