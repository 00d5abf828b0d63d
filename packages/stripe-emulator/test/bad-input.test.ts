import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { customerWithCard, setup, stripeError, validatingHttpClient } from './helpers.js';

describe('bad input', () => {
  it('rejects out-of-range values and unknown ids without changing anything', async () => {
    const { stripe } = setup();
    const negative = await stripeError(() =>
      stripe.subscriptions.create({
        customer: DEMO.customers.active,
        items: [{ price: DEMO.prices.proMonthly, quantity: -1 }],
      }),
    );
    expect(negative.code).toBe('parameter_invalid_integer');
    expect(negative.param).toBe('items[0][quantity]');
    const huge = await stripeError(() =>
      stripe.prices.create({ product: DEMO.products.pro, currency: 'usd', unit_amount: 1e12 }),
    );
    expect(huge.param).toBe('unit_amount');
    const badEnum = await stripeError(() =>
      stripe.subscriptions.update(DEMO.subscriptions.active, {
        proration_behavior: 'sometimes' as Stripe.SubscriptionUpdateParams.ProrationBehavior,
      }),
    );
    expect(badEnum.param).toBe('proration_behavior');
    const wrongItem = await stripeError(() =>
      stripe.subscriptions.update(DEMO.subscriptions.active, { items: [{ id: 'si_nope', quantity: 2 }] }),
    );
    expect(wrongItem.statusCode).toBe(400);
    expect(wrongItem.param).toBe('items[0][id]');
    const otherItem = (await stripe.subscriptions.retrieve(DEMO.subscriptions.multiSeat)).items.data[0]!.id;
    const foreign = await stripeError(() =>
      stripe.subscriptions.update(DEMO.subscriptions.active, { items: [{ id: otherItem, quantity: 2 }] }),
    );
    expect(foreign.statusCode).toBe(400);
    const unchanged = await stripe.subscriptions.retrieve(DEMO.subscriptions.active);
    expect(unchanged.items.data[0]!.quantity).toBe(1);
  });

  it('answers malformed bodies and unknown routes in Stripe shape', async () => {
    const { emulator } = setup({ seed: 'none' });
    const headers = { authorization: 'Bearer sk_test_x', 'content-type': 'application/x-www-form-urlencoded' };
    const malformed = await emulator.core.dispatch({
      method: 'POST',
      url: '/v1/customers',
      headers,
      body: 'email=%E0%A4%A',
    });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(String(malformed.body)).error.type).toBe('invalid_request_error');
    const json = await emulator.core.dispatch({
      method: 'POST',
      url: '/v1/customers',
      headers: { ...headers, 'content-type': 'application/json' },
      body: '{"email":"x"}',
    });
    expect(json.status).toBe(400);
    const unknown = await emulator.core.dispatch({ method: 'GET', url: '/v1/nothing_here', headers, body: '' });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(String(unknown.body)).error.message).toContain('Unrecognized request URL');
  });

  it('turns dropped connections into SDK connection errors', async () => {
    const { emulator } = setup({ seed: 'none' });
    emulator.core.control.faults = { rate: 0, statuses: [500], dropRate: 1 };
    const stripe = new Stripe('sk_test_drop', {
      httpClient: validatingHttpClient(emulator.httpClient),
      maxNetworkRetries: 0,
    });
    const err = await stripeError(() => stripe.customers.list());
    expect(err).toBeInstanceOf(Stripe.errors.StripeConnectionError);
  });
});

describe('tiered prices', () => {
  it('bills graduated tiers per unit band', async () => {
    const { stripe } = setup({ seed: 'none' });
    const product = await stripe.products.create({ name: 'API calls' });
    const price = await stripe.prices.create({
      product: product.id,
      currency: 'usd',
      recurring: { interval: 'month' },
      billing_scheme: 'tiered',
      tiers_mode: 'graduated',
      tiers: [
        { up_to: 5, unit_amount: 1000 },
        { up_to: 'inf', unit_amount: 500, flat_amount: 100 },
      ],
      expand: ['tiers'],
    });
    expect(price.unit_amount).toBeNull();
    expect(price.tiers?.map((t) => t.up_to)).toEqual([5, null]);
    const { customer } = await customerWithCard(stripe);
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id, quantity: 8 }],
      expand: ['latest_invoice'],
    });
    // 5 × 10.00 + 3 × 5.00 + 1.00 flat = 66.00
    expect((sub.latest_invoice as Stripe.Invoice).total).toBe(6600);
  });
});
