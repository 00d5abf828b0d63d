import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { customerWithCard, fakeClock, setup, stripeError } from './helpers.js';

describe('payment methods and setup intents', () => {
  it('attaches, lists, detaches and clears the default', async () => {
    const { stripe } = setup({ seed: 'none' });
    const { customer, pm } = await customerWithCard(stripe, 'pm_card_visa');
    const mc = await stripe.paymentMethods.attach('pm_card_mastercard', { customer: customer.id });
    const list = await stripe.customers.listPaymentMethods(customer.id, { type: 'card' });
    expect(list.data.map((p) => p.id)).toEqual([mc.id, pm.id]);
    const one = await stripe.customers.retrievePaymentMethod(customer.id, mc.id);
    expect(one.card?.brand).toBe('mastercard');
    const detached = await stripe.paymentMethods.detach(pm.id);
    expect(detached.customer).toBeNull();
    const c = (await stripe.customers.retrieve(customer.id)) as Stripe.Customer;
    expect(c.invoice_settings.default_payment_method).toBeNull();
    const again = await stripeError(() => stripe.paymentMethods.detach(pm.id));
    expect(again.statusCode).toBe(400);
    const viaList = await stripe.paymentMethods.list({ customer: customer.id, type: 'card' });
    expect(viaList.data.map((p) => p.id)).toEqual([mc.id]);
  });

  it('rejects payment_method_types and confirms a setup intent with a test card', async () => {
    const { stripe } = setup({ seed: 'none' });
    const customer = await stripe.customers.create({ email: 'si@example.com' });
    const legacy = await stripeError(() =>
      stripe.setupIntents.create({
        customer: customer.id,
        payment_method_types: ['card'],
      } as unknown as Stripe.SetupIntentCreateParams),
    );
    expect(legacy.statusCode).toBe(400);
    expect(legacy.code).toBe('payment_method_types_no_longer_supported');

    const si = await stripe.setupIntents.create({
      customer: customer.id,
      usage: 'off_session',
      automatic_payment_methods: { enabled: true },
    });
    expect(si).toMatchObject({
      object: 'setup_intent',
      status: 'requires_payment_method',
      usage: 'off_session',
      automatic_payment_methods: { enabled: true },
    });
    expect(si.client_secret).toMatch(new RegExp(`^${si.id}_secret_`));
    const done = await stripe.setupIntents.confirm(si.id, { payment_method: 'pm_card_visa' });
    expect(done.status).toBe('succeeded');
    const methods = await stripe.customers.listPaymentMethods(customer.id);
    expect(methods.data.map((p) => p.id)).toEqual([done.payment_method]);
  });

  it('requires 3DS for authentication cards and declines failing cards', async () => {
    const { stripe, emulator } = setup({ seed: 'none' });
    const customer = await stripe.customers.create({});
    const si = await stripe.setupIntents.create({
      customer: customer.id,
      automatic_payment_methods: { enabled: true },
    });
    const action = await stripe.setupIntents.confirm(si.id, {
      payment_method: 'pm_card_authenticationRequiredOnSetup',
      return_url: 'https://app.example/return',
    });
    expect(action.status).toBe('requires_action');
    expect(action.next_action?.type).toBe('redirect_to_url');
    const url = new URL(action.next_action!.redirect_to_url!.url!);
    const res = await emulator.core.dispatch({
      method: 'POST',
      url: `${url.pathname}/complete`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'result=approve',
    });
    expect(res.status).toBeLessThan(400);
    const after = await stripe.setupIntents.retrieve(si.id);
    expect(after.status).toBe('succeeded');
    expect((await stripe.customers.listPaymentMethods(customer.id)).data).toHaveLength(1);

    const si2 = await stripe.setupIntents.create({
      customer: customer.id,
      automatic_payment_methods: { enabled: true },
    });
    const declined = await stripeError(() =>
      stripe.setupIntents.confirm(si2.id, { payment_method: 'pm_card_visa_chargeDeclined' }),
    );
    expect(declined).toBeInstanceOf(Stripe.errors.StripeCardError);
    expect(declined.decline_code).toBe('generic_decline');
    const failed = await stripe.setupIntents.retrieve(si2.id);
    expect(failed.status).toBe('requires_payment_method');
    expect(failed.last_setup_error?.decline_code).toBe('generic_decline');
  });

  it('declines payment intents per test card', async () => {
    const { stripe } = setup({ seed: 'none' });
    const ok = await stripe.paymentIntents.create({
      amount: 2000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    expect(ok.status).toBe('succeeded');
    expect(ok.amount_received).toBe(2000);
    const err = await stripeError(() =>
      stripe.paymentIntents.create({
        amount: 2000,
        currency: 'usd',
        payment_method: 'pm_card_visa_chargeDeclinedInsufficientFunds',
        confirm: true,
      }),
    );
    expect(err.statusCode).toBe(402);
    expect(err.code).toBe('card_declined');
    expect(err.decline_code).toBe('insufficient_funds');
    const offSession = await stripeError(() =>
      stripe.paymentIntents.create({
        amount: 2000,
        currency: 'usd',
        payment_method: 'pm_card_authenticationRequired',
        confirm: true,
        off_session: true,
      }),
    );
    expect(offSession.code).toBe('authentication_required');
  });
});

describe('default_incomplete subscriptions', () => {
  it('activate when the invoice confirmation secret is confirmed, saving the card', async () => {
    const { stripe } = setup({ seed: 'none' });
    const product = await stripe.products.create({ name: 'Plan' });
    const price = await stripe.prices.create({
      product: product.id,
      currency: 'usd',
      unit_amount: 1500,
      recurring: { interval: 'month' },
    });
    const customer = await stripe.customers.create({ email: 'di@example.com' });
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id }],
      payment_behavior: 'default_incomplete',
      payment_settings: { save_default_payment_method: 'on_subscription' },
      expand: ['latest_invoice.confirmation_secret'],
    });
    expect(sub.status).toBe('incomplete');
    const invoice = sub.latest_invoice as Stripe.Invoice;
    expect(invoice.status).toBe('open');
    expect(invoice.attempt_count).toBe(0);
    const secret = invoice.confirmation_secret!;
    expect(secret.type).toBe('payment_intent');
    const piId = secret.client_secret.split('_secret_')[0]!;
    const pi = await stripe.paymentIntents.confirm(piId, { payment_method: 'pm_card_visa' });
    expect(pi.status).toBe('succeeded');
    expect(pi.amount).toBe(1500);
    const active = await stripe.subscriptions.retrieve(sub.id);
    expect(active.status).toBe('active');
    expect(active.default_payment_method).toBe(pi.payment_method);
    expect((await stripe.invoices.retrieve(invoice.id)).status).toBe('paid');
    expect(((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).currency).toBe('usd');
  });
});

describe('coupons, promotion codes and discounts', () => {
  it('applies a promotion code to a subscription and its invoices', async () => {
    const clock = fakeClock('2026-01-01T00:00:00Z');
    const { stripe } = setup({ now: clock.now });
    const { customer } = await customerWithCard(stripe);
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: DEMO.prices.proMonthly }],
      discounts: [{ promotion_code: DEMO.promotionCodes.welcome20 }],
      expand: ['latest_invoice', 'discounts'],
    });
    const discount = sub.discounts[0] as Stripe.Discount;
    expect(discount.object).toBe('discount');
    expect(discount.source.coupon).toBe(DEMO.coupons.welcome20);
    expect(discount.promotion_code).toBe(DEMO.promotionCodes.welcome20);
    const invoice = sub.latest_invoice as Stripe.Invoice;
    expect(invoice.subtotal).toBe(2900);
    expect(invoice.total_discount_amounts).toEqual([{ amount: 580, discount: discount.id }]);
    expect(invoice.total).toBe(2320);
    const promo = await stripe.promotionCodes.retrieve(DEMO.promotionCodes.welcome20);
    expect(promo.times_redeemed).toBe(1);

    const preview = await stripe.invoices.createPreview({
      customer: customer.id,
      subscription: sub.id,
      discounts: [{ coupon: DEMO.coupons.retention50 }],
    });
    expect(preview.total).toBe(1450);
    const cleared = await stripe.subscriptions.update(sub.id, { discounts: '' });
    expect(cleared.discounts).toEqual([]);
    expect((await stripe.invoices.createPreview({ customer: customer.id, subscription: sub.id })).total).toBe(2900);
  });

  it('validates coupons and unknown promotion codes', async () => {
    const { stripe } = setup();
    const coupon = await stripe.coupons.create({ amount_off: 500, currency: 'usd', duration: 'once', name: '$5 off' });
    expect(coupon).toMatchObject({
      object: 'coupon',
      amount_off: 500,
      percent_off: null,
      duration: 'once',
      valid: true,
      times_redeemed: 0,
    });
    const both = await stripeError(() => stripe.coupons.create({ amount_off: 1, percent_off: 5, currency: 'usd' }));
    expect(both.statusCode).toBe(400);
    const missing = await stripeError(() =>
      stripe.subscriptions.update(DEMO.subscriptions.active, { discounts: [{ promotion_code: 'promo_nope' }] }),
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.param).toBe('discounts[0][promotion_code]');
    const promo = await stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id },
      code: 'FIVEOFF',
    });
    expect(promo.code).toBe('FIVEOFF');
    expect(promo.promotion.coupon).toBe(coupon.id);
  });
});

describe('tax IDs', () => {
  it('validates formats and settles verification', async () => {
    const { stripe } = setup({ seed: 'none' });
    const customer = await stripe.customers.create({ name: 'Tax Co' });
    const vat = await stripe.customers.createTaxId(customer.id, { type: 'eu_vat', value: 'FR12345678901' });
    expect(vat).toMatchObject({
      object: 'tax_id',
      type: 'eu_vat',
      country: 'FR',
      value: 'FR12345678901',
      verification: { status: 'pending' },
    });
    const ein = await stripe.customers.createTaxId(customer.id, { type: 'us_ein', value: '12-3456789' });
    expect(ein.verification?.status).toBe('unavailable');
    for (const [type, value] of [
      ['gb_vat', 'GB123456789'],
      ['au_abn', '12345678912'],
      ['ca_bn', '123456789'],
      ['ch_vat', 'CHE-123.456.789 MWST'],
      ['in_gst', '12ABCDE3456FGZH'],
      ['jp_cn', '1234567891234'],
      ['br_cnpj', '01.234.456/5432-10'],
    ] as const)
      await stripe.customers.createTaxId(customer.id, { type, value });
    const bad = await stripeError(() => stripe.customers.createTaxId(customer.id, { type: 'eu_vat', value: 'DE12' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.code).toBe('tax_id_invalid');
    expect(bad.param).toBe('value');
    const settled = await stripe.customers.retrieveTaxId(customer.id, vat.id);
    expect(settled.verification?.status).toBe('verified');
    const list = await stripe.customers.listTaxIds(customer.id, { limit: 100 });
    expect(list.data).toHaveLength(9);
    const del = await stripe.customers.deleteTaxId(customer.id, ein.id);
    expect(del.deleted).toBe(true);
  });
});
