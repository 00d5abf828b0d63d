import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { customerWithCard, setup, stripeError } from './helpers.js';

const unsupported = (err: Stripe.errors.StripeError, param: string) =>
  expect([err.statusCode, err.code, err.param]).toEqual([400, 'emulator_unsupported_parameter', param]);

describe('SetupIntents: every accepted parameter is honoured (#17)', () => {
  it('refuses mandates, method options, confirmation tokens, configurations and Connect, creating nothing', async () => {
    const { stripe } = setup({ seed: 'none' });
    const { customer } = await customerWithCard(stripe);
    const base = { customer: customer.id };
    unsupported(
      await stripeError(() =>
        stripe.setupIntents.create({ ...base, payment_method_options: { card: { request_three_d_secure: 'any' } } }),
      ),
      'payment_method_options',
    );
    unsupported(
      await stripeError(() =>
        stripe.setupIntents.create({
          ...base,
          mandate_data: { customer_acceptance: { type: 'offline', offline: {} } },
        }),
      ),
      'mandate_data',
    );
    unsupported(
      await stripeError(() => stripe.setupIntents.create({ ...base, on_behalf_of: 'acct_1' })),
      'on_behalf_of',
    );
    unsupported(
      await stripeError(() => stripe.setupIntents.create({ ...base, payment_method_configuration: 'pmc_1' })),
      'payment_method_configuration',
    );
    unsupported(
      await stripeError(() => stripe.setupIntents.create({ ...base, single_use: { amount: 100, currency: 'usd' } })),
      'single_use',
    );
    expect((await stripe.setupIntents.list({ customer: customer.id })).data).toEqual([]);
    const si = await stripe.setupIntents.create(base);
    unsupported(
      await stripeError(() =>
        stripe.setupIntents.confirm(si.id, { payment_method: 'pm_card_visa', confirmation_token: 'ctoken_1' }),
      ),
      'confirmation_token',
    );
    unsupported(await stripeError(() => stripe.setupIntents.update(si.id, { attach_to_self: true })), 'attach_to_self');
  });

  it('stores flow directions and method type lists given on update, as on create', async () => {
    const { stripe } = setup({ seed: 'none' });
    const { customer } = await customerWithCard(stripe);
    const si = await stripe.setupIntents.create({ customer: customer.id, usage: 'off_session' });
    const updated = await stripe.setupIntents.update(si.id, {
      flow_directions: ['inbound'],
      excluded_payment_method_types: ['sepa_debit'],
    });
    expect([updated.flow_directions, updated.excluded_payment_method_types]).toEqual([['inbound'], ['sepa_debit']]);
    const bad = await stripeError(() =>
      stripe.setupIntents.update(si.id, { flow_directions: ['sideways' as 'inbound'] }),
    );
    expect([bad.statusCode, bad.param]).toEqual([400, 'flow_directions[0]']);
  });

  it('refuses payment_method_data of a type other than card instead of saving a card', async () => {
    const { stripe } = setup({ seed: 'none' });
    const { customer } = await customerWithCard(stripe);
    unsupported(
      await stripeError(() =>
        stripe.setupIntents.create({ customer: customer.id, payment_method_data: { type: 'link' } }),
      ),
      'payment_method_data[type]',
    );
    expect((await stripe.setupIntents.list({ customer: customer.id })).data).toEqual([]);
  });
});

describe('PaymentMethods: every accepted parameter is honoured (#17)', () => {
  it('filters lists by allow_redisplay and keeps it on cards created from a number', async () => {
    const { stripe } = setup({ seed: 'none' });
    const { customer, pm: plain } = await customerWithCard(stripe);
    const shown = await stripe.paymentMethods.create({
      type: 'card',
      card: { number: '4242424242424242', exp_month: 12, exp_year: 2040, cvc: '123' },
      allow_redisplay: 'always',
    });
    expect(shown.allow_redisplay).toBe('always');
    await stripe.paymentMethods.attach(shown.id, { customer: customer.id });
    const always = await stripe.customers.listPaymentMethods(customer.id, { allow_redisplay: 'always' });
    expect(always.data.map((p) => p.id)).toEqual([shown.id]);
    const unspecified = await stripe.paymentMethods.list({ customer: customer.id, allow_redisplay: 'unspecified' });
    expect(unspecified.data.map((p) => p.id)).toEqual([plain.id]);
  });

  it('updates billing_details[tax_id]; refuses card networks and Connect cloning', async () => {
    const { stripe } = setup({ seed: 'none' });
    const { customer, pm } = await customerWithCard(stripe);
    const updated = await stripe.paymentMethods.update(pm.id, {
      billing_details: { tax_id: 'DE123456789' },
    } as Stripe.PaymentMethodUpdateParams);
    expect(updated.billing_details.tax_id).toBe('DE123456789');
    unsupported(
      await stripeError(() => stripe.paymentMethods.update(pm.id, { card: { networks: { preferred: 'visa' } } })),
      'card[networks]',
    );
    unsupported(
      await stripeError(() => stripe.paymentMethods.create({ customer: customer.id, payment_method: pm.id })),
      'customer',
    );
  });
});
