import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { setup, stripeError } from './helpers.js';

// Issue #17: an id in the request parameters that names no object is Stripe's 400
// `resource_missing` with `param` set to that parameter ("No such price: 'price_x'"); a missing
// object in the URL path is a 404. Either way nothing changes.
const missing = (e: Stripe.errors.StripeError) => [e.statusCode, e.rawType, e.code, e.param, e.message];

describe('ids in request parameters that name no object: 400 naming the parameter', () => {
  const cases: Array<[string, (stripe: Stripe) => Promise<unknown>, string, string]> = [
    [
      'subscription customer',
      (s) => s.subscriptions.create({ customer: 'cus_missing', items: [{ price: DEMO.prices.proMonthly }] }),
      'customer',
      "No such customer: 'cus_missing'",
    ],
    [
      'subscription price',
      (s) =>
        s.subscriptions.create({
          customer: DEMO.customers.active,
          items: [{ price: DEMO.prices.proMonthly }, { price: 'price_x' }],
        }),
      'items[1][price]',
      "No such price: 'price_x'",
    ],
    [
      'subscription item price on update',
      (s) => s.subscriptions.update(DEMO.subscriptions.active, { items: [{ price: 'price_x' }] }),
      'items[0][price]',
      "No such price: 'price_x'",
    ],
    [
      'subscription coupon',
      (s) => s.subscriptions.update(DEMO.subscriptions.active, { discounts: [{ coupon: 'coupon_x' }] }),
      'discounts[0][coupon]',
      "No such coupon: 'coupon_x'",
    ],
    [
      'subscription promotion code',
      (s) => s.subscriptions.update(DEMO.subscriptions.active, { discounts: [{ promotion_code: 'promo_x' }] }),
      'discounts[0][promotion_code]',
      "No such promotion code: 'promo_x'",
    ],
    [
      'subscription item subscription',
      (s) => s.subscriptionItems.create({ subscription: 'sub_x', price: DEMO.prices.supportMonthly }),
      'subscription',
      "No such subscription: 'sub_x'",
    ],
    [
      'invoice item customer',
      (s) => s.invoiceItems.create({ customer: 'cus_missing', amount: 100, currency: 'usd' }),
      'customer',
      "No such customer: 'cus_missing'",
    ],
    [
      'invoice item price',
      (s) => s.invoiceItems.create({ customer: DEMO.customers.active, pricing: { price: 'price_x' } }),
      'pricing[price]',
      "No such price: 'price_x'",
    ],
    [
      'invoice item subscription',
      (s) =>
        s.invoiceItems.create({ customer: DEMO.customers.active, amount: 100, currency: 'usd', subscription: 'sub_x' }),
      'subscription',
      "No such subscription: 'sub_x'",
    ],
    [
      'invoice default payment method',
      (s) => s.invoices.create({ customer: DEMO.customers.active, default_payment_method: 'pm_x' }),
      'default_payment_method',
      "No such PaymentMethod: 'pm_x'",
    ],
    [
      'portal session customer',
      (s) => s.billingPortal.sessions.create({ customer: 'cus_missing' }),
      'customer',
      "No such customer: 'cus_missing'",
    ],
    [
      'portal session configuration',
      (s) => s.billingPortal.sessions.create({ customer: DEMO.customers.active, configuration: 'bpc_x' }),
      'configuration',
      "No such configuration: 'bpc_x'",
    ],
    [
      'portal flow subscription',
      (s) =>
        s.billingPortal.sessions.create({
          customer: DEMO.customers.active,
          flow_data: { type: 'subscription_cancel', subscription_cancel: { subscription: 'sub_x' } },
        }),
      'flow_data[subscription_cancel][subscription]',
      "No such subscription: 'sub_x'",
    ],
    [
      'setup intent customer',
      (s) => s.setupIntents.create({ customer: 'cus_missing' }),
      'customer',
      "No such customer: 'cus_missing'",
    ],
    [
      'payment method attach customer',
      (s) => s.paymentMethods.attach('pm_card_visa', { customer: 'cus_missing' }),
      'customer',
      "No such customer: 'cus_missing'",
    ],
    [
      'promotion code coupon',
      (s) => s.promotionCodes.create({ promotion: { type: 'coupon', coupon: 'coupon_x' } }),
      'promotion[coupon]',
      "No such coupon: 'coupon_x'",
    ],
    [
      'list cursor',
      (s) => s.customers.list({ starting_after: 'cus_missing' }),
      'starting_after',
      "No such customer: 'cus_missing'",
    ],
  ];

  it.each(cases)('%s', async (_name, call, param, message) => {
    const { stripe, emulator } = setup();
    // A first request runs the work due by now (renewal notices…), so the snapshot is taken after it.
    await stripe.customers.list({ limit: 1 });
    const before = JSON.stringify(emulator.core.exportState().store);
    expect(missing(await stripeError(() => call(stripe)))).toEqual([
      400,
      'invalid_request_error',
      'resource_missing',
      param,
      message,
    ]);
    expect(JSON.stringify(emulator.core.exportState().store)).toBe(before);
  });
});

describe('ids in the URL path that name no object: 404', () => {
  it('answers 404 resource_missing for retrieve, update and actions on a missing object', async () => {
    const { stripe } = setup();
    expect(missing(await stripeError(() => stripe.customers.retrieve('cus_missing')))).toEqual([
      404,
      'invalid_request_error',
      'resource_missing',
      'id',
      "No such customer: 'cus_missing'",
    ]);
    expect(
      (await stripeError(() => stripe.subscriptions.update('sub_missing', { metadata: { a: 'b' } }))).statusCode,
    ).toBe(404);
    expect(
      missing(await stripeError(() => stripe.paymentMethods.attach('pm_missing', { customer: DEMO.customers.active }))),
    ).toEqual([
      404,
      'invalid_request_error',
      'resource_missing',
      'payment_method',
      "No such PaymentMethod: 'pm_missing'",
    ]);
    expect(
      (
        await stripeError(() =>
          stripe.customers.retrievePaymentMethod(DEMO.customers.active, DEMO.paymentMethods.trialingMastercard),
        )
      ).statusCode,
    ).toBe(404);
  });
});
