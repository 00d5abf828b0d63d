import { createEmulator, DEMO } from './src/index.ts';
const emu = createEmulator();
const H = { authorization: 'Bearer sk_test_f', 'content-type': 'application/x-www-form-urlencoded' };
const routes: Array<[string, string]> = [
  ['POST', '/v1/customers'], ['POST', `/v1/customers/${DEMO.customers.active}`], ['POST', '/v1/products'], ['POST', '/v1/prices'],
  ['POST', '/v1/subscriptions'], ['POST', `/v1/subscriptions/${DEMO.subscriptions.active}`], ['DELETE', `/v1/subscriptions/${DEMO.subscriptions.multiItem}`],
  ['POST', '/v1/invoices/create_preview'], ['POST', '/v1/invoices'], ['POST', '/v1/invoiceitems'], ['POST', '/v1/coupons'], ['POST', '/v1/promotion_codes'],
  ['POST', '/v1/setup_intents'], ['POST', '/v1/payment_intents'], ['POST', '/v1/payment_methods'], ['POST', '/v1/webhook_endpoints'],
  ['POST', '/v1/billing_portal/sessions'], ['POST', '/v1/billing_portal/configurations'], ['POST', '/v1/subscription_schedules'],
  ['POST', `/v1/customers/${DEMO.customers.active}/tax_ids`], ['POST', '/v1/test_helpers/test_clocks'], ['GET', '/v1/subscriptions'], ['GET', '/v1/customers/search'],
];
const values = ['', 'x', '-1', '1e99', 'true', '[]'];
const keys = ['items', 'items[0]', 'items[0][price]', 'items[0][id]', 'discounts', 'discounts[0]', 'discounts[0][coupon]', 'metadata', 'metadata[a]', 'address', 'address[line1]', 'flow_data', 'flow_data[type]',
  'flow_data[subscription_cancel]', 'features', 'features[subscription_cancel]', 'phases', 'phases[0][items]', 'customer', 'subscription', 'subscription_details', 'subscription_details[items][0][price]',
  'expand[0]', 'limit', 'query', 'type', 'value', 'amount', 'currency', 'unit_amount', 'recurring', 'recurring[interval]', 'product', 'name', 'percent_off', 'url', 'enabled_events', 'frozen_time',
  'from_subscription', 'card', 'card[number]', 'trial_end', 'billing_cycle_anchor', 'pause_collection', 'cancel_at', 'proration_date', 'invoice_settings[default_payment_method]', 'return_url', 'promotion', 'tiers'];
let fails = 0;
for (const [method, path] of routes) {
  for (const k of keys) for (const v of values) {
    const body = `${encodeURIComponent(k)}=${encodeURIComponent(v)}&customer=${DEMO.customers.active}`;
    const res = method === 'POST'
      ? await emu.core.dispatch({ method, url: path, headers: H, body })
      : await emu.core.dispatch({ method, url: `${path}?${body}`, headers: H, body: '' });
    if (res.status >= 500) { fails++; if (fails < 15) console.log(method, path, k, JSON.stringify(v), String(res.body).slice(0, 200)); }
  }
}
console.log('fails', fails);
