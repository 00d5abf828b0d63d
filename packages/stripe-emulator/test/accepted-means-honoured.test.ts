import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { customerWithCard, setup, stripeError } from './helpers.js';

const unsupported = (err: Stripe.errors.StripeError, param: string) =>
  expect([err.statusCode, err.code, err.param]).toEqual([400, 'emulator_unsupported_parameter', param]);

describe('a parameter the emulator accepts is one it honours (#17.5)', () => {
  it('refuses currency_options on prices rather than billing every currency in the default one', async () => {
    const { stripe } = setup({ seed: 'none' });
    const product = await stripe.products.create({ name: 'Pro' });
    unsupported(
      await stripeError(() =>
        stripe.prices.create({
          product: product.id,
          currency: 'usd',
          unit_amount: 1000,
          recurring: { interval: 'month' },
          currency_options: { eur: { unit_amount: 900 } },
        }),
      ),
      'currency_options',
    );
    const price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 1000 });
    unsupported(
      await stripeError(() => stripe.prices.update(price.id, { currency_options: { eur: { unit_amount: 900 } } })),
      'currency_options',
    );
    unsupported(
      await stripeError(() =>
        stripe.products.create({
          name: 'Team',
          default_price_data: { currency: 'usd', unit_amount: 500, currency_options: { eur: { unit_amount: 450 } } },
        }),
      ),
      'default_price_data[currency_options]',
    );
    // Nothing was created by the refused calls.
    expect((await stripe.prices.list({ product: product.id })).data.map((p) => p.id)).toEqual([price.id]);
  });

  it('refuses a subscription in a currency its prices do not bill in, instead of billing it in USD', async () => {
    const { stripe } = setup();
    const { customer } = await customerWithCard(stripe);
    const err = await stripeError(() =>
      stripe.subscriptions.create({
        customer: customer.id,
        currency: 'eur',
        items: [{ price: DEMO.prices.starterMonthly }],
      }),
    );
    expect([err.statusCode, err.type]).toEqual([400, 'StripeInvalidRequestError']);
    expect((await stripe.subscriptions.list({ customer: customer.id })).data).toEqual([]);
    const usd = await stripe.subscriptions.create({
      customer: customer.id,
      currency: 'usd',
      items: [{ price: DEMO.prices.starterMonthly }],
    });
    expect(usd.currency).toBe('usd');
  });

  it('refuses subscription parameters it would otherwise ignore (tax rates, thresholds, Connect, invoice settings)', async () => {
    const { stripe } = setup();
    const { customer } = await customerWithCard(stripe);
    const base = { customer: customer.id, items: [{ price: DEMO.prices.starterMonthly }] };
    unsupported(
      await stripeError(() => stripe.subscriptions.create({ ...base, default_tax_rates: ['txr_123'] })),
      'default_tax_rates',
    );
    unsupported(
      await stripeError(() => stripe.subscriptions.create({ ...base, automatic_tax: { enabled: true } })),
      'automatic_tax',
    );
    unsupported(
      await stripeError(() => stripe.subscriptions.create({ ...base, application_fee_percent: 10 })),
      'application_fee_percent',
    );
    unsupported(
      await stripeError(() => stripe.subscriptions.create({ ...base, invoice_settings: { description: 'PO 42' } })),
      'invoice_settings',
    );
    unsupported(
      await stripeError(() =>
        stripe.subscriptions.create({
          customer: customer.id,
          items: [{ price: DEMO.prices.starterMonthly, tax_rates: ['txr_123'] }],
        }),
      ),
      'items[0][tax_rates]',
    );
    unsupported(
      await stripeError(() =>
        stripe.subscriptions.update(DEMO.subscriptions.active, { billing_thresholds: { amount_gte: 10000 } }),
      ),
      'billing_thresholds',
    );
  });

  it('stores product_data fields and enforces lookup_key uniqueness on price updates, as on create', async () => {
    const { stripe } = setup({ seed: 'none' });
    const price = await stripe.prices.create({
      currency: 'usd',
      unit_amount: 700,
      product_data: {
        name: 'Seats',
        unit_label: 'seat',
        statement_descriptor: 'ACME SEATS',
        tax_code: 'txcd_10103001',
      },
    });
    const product = await stripe.products.retrieve(price.product as string);
    expect(product).toMatchObject({
      unit_label: 'seat',
      statement_descriptor: 'ACME SEATS',
      tax_code: 'txcd_10103001',
    });

    const other = await stripe.prices.create({
      currency: 'usd',
      unit_amount: 900,
      product: product.id,
      lookup_key: 'seat_monthly',
    });
    const taken = await stripeError(() => stripe.prices.update(price.id, { lookup_key: 'seat_monthly' }));
    expect([taken.statusCode, taken.param]).toEqual([400, 'lookup_key']);
    const moved = await stripe.prices.update(price.id, { lookup_key: 'seat_monthly', transfer_lookup_key: true });
    expect(moved.lookup_key).toBe('seat_monthly');
    expect((await stripe.prices.retrieve(other.id)).lookup_key).toBeNull();
  });
});
