import { describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { setup } from './helpers.js';
import { shapeErrors } from './support/sdk-shape.js';

const NAMES = [
  'Customer', 'DeletedCustomer', 'Product', 'Price', 'Plan', 'Subscription', 'SubscriptionItem', 'PaymentMethod', 'Invoice', 'InvoiceLineItem', 'InvoiceItem',
  'Coupon', 'PromotionCode', 'Discount', 'TaxId', 'SetupIntent', 'PaymentIntent', 'WebhookEndpoint', 'Event', 'TestHelpers.TestClock', 'SubscriptionSchedule',
  'BillingPortal.Configuration', 'BillingPortal.Session',
];

describe('responses match the SDK type definitions', () => {
  it('has every declared field and nothing undeclared, for every resource', async () => {
    const { emulator } = setup();
    const call = async (method: string, path: string, body = '') => {
      const res = await emulator.core.dispatch({ method, url: path, headers: { authorization: 'Bearer sk_test_shapes', 'content-type': 'application/x-www-form-urlencoded' }, body });
      const json = JSON.parse(String(res.body));
      if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const samples: Array<[string, unknown]> = [];
    const add = (type: string, v: unknown) => samples.push([type, v]);

    const customers = await call('GET', '/v1/customers?limit=100');
    for (const c of customers.data) add('Customer', c);
    for (const p of (await call('GET', '/v1/products?limit=100')).data) add('Product', p);
    for (const p of (await call('GET', '/v1/prices?limit=100')).data) add('Price', p);
    const subs = await call('GET', '/v1/subscriptions?status=all&limit=100');
    for (const s of subs.data) {
      add('Subscription', s);
      for (const si of s.items.data) {
        add('SubscriptionItem', si);
        add('Plan', si.plan);
      }
    }
    for (const i of (await call('GET', '/v1/invoices?limit=100')).data) {
      add('Invoice', i);
      for (const l of i.lines.data) add('InvoiceLineItem', l);
    }
    for (const pm of (await call('GET', `/v1/customers/${DEMO.customers.active}/payment_methods`)).data) add('PaymentMethod', pm);
    add('Coupon', await call('GET', `/v1/coupons/${DEMO.coupons.welcome20}`));
    add('PromotionCode', await call('GET', `/v1/promotion_codes/${DEMO.promotionCodes.welcome20}`));
    for (const t of (await call('GET', `/v1/customers/${DEMO.customers.cancelAtPeriodEnd}/tax_ids`)).data) add('TaxId', t);

    const withDiscount = await call('POST', `/v1/subscriptions/${DEMO.subscriptions.multiItem}`, 'discounts[0][coupon]=demo_retention_50&expand[0]=discounts&items[0][id]=' +
      subs.data.find((s: { id: string }) => s.id === DEMO.subscriptions.multiItem).items.data[0].id + '&items[0][quantity]=2');
    add('Subscription', withDiscount);
    for (const d of withDiscount.discounts) add('Discount', d);
    for (const ii of (await call('GET', `/v1/invoiceitems?customer=${DEMO.customers.multiItem}`)).data) add('InvoiceItem', ii);
    add('Invoice', await call('POST', '/v1/invoices/create_preview', `customer=${DEMO.customers.multiItem}&subscription=${DEMO.subscriptions.multiItem}`));
    add('Invoice', await call('GET', `/v1/invoices/${subs.data.find((s: { id: string }) => s.id === DEMO.subscriptions.pastDue).latest_invoice}?expand[0]=confirmation_secret`));

    const si = await call('POST', '/v1/setup_intents', `customer=${DEMO.customers.active}&automatic_payment_methods[enabled]=true`);
    add('SetupIntent', si);
    add('SetupIntent', await call('POST', `/v1/setup_intents/${si.id}/confirm`, 'payment_method=pm_card_authenticationRequiredOnSetup&return_url=https://a.example'));
    add('PaymentIntent', await call('POST', '/v1/payment_intents', 'amount=1000&currency=usd&payment_method=pm_card_visa&confirm=true'));
    const we = await call('POST', '/v1/webhook_endpoints', 'url=https://hooks.example/x&enabled_events[0]=*');
    add('WebhookEndpoint', we);
    add('WebhookEndpoint', await call('GET', `/v1/webhook_endpoints/${we.id}`));
    for (const e of (await call('GET', '/v1/events?limit=20')).data) add('Event', e);
    const clock = await call('POST', '/v1/test_helpers/test_clocks', 'frozen_time=1767225600');
    add('TestHelpers.TestClock', clock);
    add('SubscriptionSchedule', await call('POST', '/v1/subscription_schedules', `from_subscription=${DEMO.subscriptions.active}`));
    const config = await call('POST', '/v1/billing_portal/configurations', 'features[invoice_history][enabled]=true&business_profile[headline]=Hi');
    add('BillingPortal.Configuration', config);
    add('BillingPortal.Session', await call('POST', '/v1/billing_portal/sessions', `customer=${DEMO.customers.active}&return_url=https://a.example&flow_data[type]=payment_method_update`));
    add('DeletedCustomer', await call('DELETE', `/v1/customers/${DEMO.customers.trialing}`));

    const problems = samples.flatMap(([type, v]) => shapeErrors(type, v, NAMES));
    expect([...new Set(problems)]).toEqual([]);
    expect(samples.length).toBeGreaterThan(40);
  }, 60_000);
});
