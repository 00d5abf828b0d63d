import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { setup, stripeError } from './helpers.js';

const unsupported = (err: Stripe.errors.StripeError, param: string) =>
  expect([err.statusCode, err.code, err.param]).toEqual([400, 'emulator_unsupported_parameter', param]);

describe('coupons and promotion codes: every accepted parameter is honoured (#17)', () => {
  it("refuses a coupon's currency_options rather than discounting a EUR invoice by its USD amount", async () => {
    const { stripe } = setup({ seed: 'none' });
    unsupported(
      await stripeError(() =>
        stripe.coupons.create({
          amount_off: 500,
          currency: 'usd',
          duration: 'once',
          currency_options: { eur: { amount_off: 450 } },
        }),
      ),
      'currency_options',
    );
    expect((await stripe.coupons.list()).data).toEqual([]);
    const coupon = await stripe.coupons.create({ amount_off: 500, currency: 'usd', duration: 'once' });
    unsupported(
      await stripeError(() => stripe.coupons.update(coupon.id, { currency_options: { eur: { amount_off: 450 } } })),
      'currency_options',
    );
  });

  it('checks the products a coupon applies to exist', async () => {
    const { stripe } = setup({ seed: 'none' });
    const e = await stripeError(() =>
      stripe.coupons.create({ percent_off: 10, applies_to: { products: ['prod_nope'] } }),
    );
    expect([e.code, e.param]).toEqual(['resource_missing', 'applies_to[products][0]']);
  });

  it('refuses promotion-code currency_options on create and update, and wants a minimum amount with its currency', async () => {
    const { stripe } = setup({ seed: 'none' });
    const coupon = await stripe.coupons.create({ percent_off: 10, duration: 'once' });
    const promotion = { type: 'coupon' as const, coupon: coupon.id };
    unsupported(
      await stripeError(() =>
        stripe.promotionCodes.create({
          promotion,
          restrictions: { currency_options: { eur: { minimum_amount: 1000 } } },
        }),
      ),
      'restrictions[currency_options]',
    );
    const lone = await stripeError(() =>
      stripe.promotionCodes.create({ promotion, restrictions: { minimum_amount: 1000 } }),
    );
    expect([lone.code, lone.param]).toEqual(['parameter_missing', 'restrictions[minimum_amount_currency]']);
    expect((await stripe.promotionCodes.list()).data).toEqual([]);
    const promo = await stripe.promotionCodes.create({
      promotion,
      restrictions: { minimum_amount: 1000, minimum_amount_currency: 'USD' },
    });
    expect(promo.restrictions.minimum_amount_currency).toBe('usd');
    unsupported(
      await stripeError(() =>
        stripe.promotionCodes.update(promo.id, {
          restrictions: { currency_options: { eur: { minimum_amount: 900 } } },
        }),
      ),
      'restrictions',
    );
  });
});

describe('products and subscription pauses: nothing accepted and ignored (#17)', () => {
  it("refuses a product's tax_details and a pause's bill_for/invoicing_behavior, which nothing would honour", async () => {
    const { stripe } = setup();
    unsupported(
      await stripeError(() =>
        stripe.products.create({
          name: 'Seats',
          tax_details: { tax_code: 'txcd_10103001' },
        } as Stripe.ProductCreateParams),
      ),
      'tax_details',
    );
    const sub = (await stripe.subscriptions.list({ limit: 1, status: 'active' })).data[0]!;
    unsupported(
      await stripeError(() =>
        stripe.subscriptions.pause(sub.id, {
          bill_for: { unused_time_from: 'now' },
        } as unknown as Stripe.SubscriptionPauseParams),
      ),
      'bill_for',
    );
    unsupported(
      await stripeError(() =>
        stripe.subscriptions.pause(sub.id, { invoicing_behavior: 'invoice' } as Stripe.SubscriptionPauseParams),
      ),
      'invoicing_behavior',
    );
    expect((await stripe.subscriptions.retrieve(sub.id)).status).toBe('active');
  });
});
