import { describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { setup, stripeError } from './helpers.js';

// Issue #17 items 14 and 16 (publishable key): PaymentIntents and SetupIntents as Stripe treats them.
describe('PaymentIntents', () => {
  it('refuses off_session without confirm, creating nothing', async () => {
    const { stripe } = setup({ seed: 'none' });
    const err = await stripeError(() =>
      stripe.paymentIntents.create({ amount: 1000, currency: 'usd', off_session: true, confirm: false }),
    );
    expect(err).toMatchObject({ statusCode: 400, param: 'off_session', type: 'StripeInvalidRequestError' });
    const omitted = await stripeError(() =>
      stripe.paymentIntents.create({ amount: 1000, currency: 'usd', off_session: true }),
    );
    expect(omitted.param).toBe('off_session');
    expect((await stripe.paymentIntents.list()).data).toHaveLength(0);
    const ok = await stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      payment_method: 'pm_card_visa',
      off_session: true,
      confirm: true,
    });
    expect(ok.status).toBe('succeeded');
  });
});

/** What Stripe.js sends: a form POST to `/v1/...` with `key=pk_…` and the client secret, no secret key. */
async function browserCall(
  emulator: ReturnType<typeof setup>['emulator'],
  method: 'GET' | 'POST',
  path: string,
  params: Record<string, string>,
) {
  const form = new URLSearchParams(params).toString();
  const res = await emulator.core.dispatch({
    method,
    url: method === 'GET' ? `${path}?${form}` : path,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: method === 'POST' ? form : '',
  });
  return { status: res.status, json: JSON.parse(String(res.body)) as Record<string, any> };
}

describe('publishable key on /v1 (what Stripe.js does)', () => {
  it('confirms a PaymentIntent with pk + its client_secret and answers the client view', async () => {
    const { emulator, stripe } = setup({ seed: 'demo' });
    const pi = await stripe.paymentIntents.create({
      amount: 2000,
      currency: 'usd',
      customer: DEMO.customers.active,
      automatic_payment_methods: { enabled: true },
      metadata: { order: '7' },
    });
    const res = await browserCall(emulator, 'POST', `/v1/payment_intents/${pi.id}/confirm`, {
      key: 'pk_test_abc',
      client_secret: pi.client_secret!,
      payment_method: 'pm_card_visa',
      return_url: 'https://shop.example/done',
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: pi.id, status: 'succeeded' });
    // A publishable key never sees the customer or metadata.
    expect(res.json.customer).toBeUndefined();
    expect(res.json.metadata).toBeUndefined();
    expect((await stripe.paymentIntents.retrieve(pi.id)).status).toBe('succeeded');
    const read = await browserCall(emulator, 'GET', `/v1/payment_intents/${pi.id}`, {
      key: 'pk_test_abc',
      client_secret: pi.client_secret!,
    });
    expect(read.json.status).toBe('succeeded');
  });

  it('confirms a SetupIntent the same way, with the key as a bearer token too', async () => {
    const { emulator, stripe } = setup({ seed: 'demo' });
    const si = await stripe.setupIntents.create({
      customer: DEMO.customers.active,
      automatic_payment_methods: { enabled: true },
    });
    const res = await emulator.core.dispatch({
      method: 'POST',
      url: `/v1/setup_intents/${si.id}/confirm`,
      headers: { authorization: 'Bearer pk_test_abc', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_secret: si.client_secret!, payment_method: 'pm_card_visa' }).toString(),
    });
    expect(res.status).toBe(200);
    expect((await stripe.setupIntents.retrieve(si.id)).status).toBe('succeeded');
  });

  it('refuses a wrong client secret (404) and any other call (401), changing nothing', async () => {
    const { emulator, stripe } = setup({ seed: 'demo' });
    const pi = await stripe.paymentIntents.create({
      amount: 2000,
      currency: 'usd',
      automatic_payment_methods: { enabled: true },
    });
    const other = await stripe.paymentIntents.create({
      amount: 3000,
      currency: 'usd',
      automatic_payment_methods: { enabled: true },
    });
    const wrong = await browserCall(emulator, 'POST', `/v1/payment_intents/${pi.id}/confirm`, {
      key: 'pk_test_abc',
      client_secret: other.client_secret!,
      payment_method: 'pm_card_visa',
    });
    expect(wrong.status).toBe(404);
    expect(wrong.json.error.param).toBe('client_secret');
    const missing = await browserCall(emulator, 'POST', `/v1/payment_intents/${pi.id}/confirm`, {
      key: 'pk_test_abc',
      payment_method: 'pm_card_visa',
    });
    expect(missing.status).toBe(400);
    const list = await browserCall(emulator, 'GET', '/v1/customers', { key: 'pk_test_abc' });
    expect(list.status).toBe(401);
    expect(list.json.error.code).toBe('secret_key_required');
    const update = await browserCall(emulator, 'POST', `/v1/payment_intents/${pi.id}`, {
      key: 'pk_test_abc',
      client_secret: pi.client_secret!,
      amount: '1',
    });
    expect(update.status).toBe(401);
    expect(await stripe.paymentIntents.retrieve(pi.id)).toMatchObject({
      status: 'requires_payment_method',
      amount: 2000,
    });
  });
});
