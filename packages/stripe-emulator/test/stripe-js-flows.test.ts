import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type RunningEmulator } from '../src/index.js';
import { validatingHttpClient } from './helpers.js';

// What the stand-in's confirm and 3DS endpoints do to intents, checked through the official SDK.
const emulator = createEmulator({ seed: 'none' });
let running: RunningEmulator;
let stripe: Stripe;
const PK = 'pk_test_flows';

beforeAll(async () => {
  running = await emulator.listen({ port: 0 });
  stripe = new Stripe('sk_test_flows', {
    host: running.host,
    port: running.port,
    protocol: 'http',
    httpClient: validatingHttpClient(Stripe.createNodeHttpClient()),
    maxNetworkRetries: 0,
  });
});
afterAll(() => running?.close());

const card = (number: string) => ({
  'payment_method_data[type]': 'card',
  'payment_method_data[card][number]': number,
  'payment_method_data[card][exp_month]': '12',
  'payment_method_data[card][exp_year]': '2040',
  'payment_method_data[card][cvc]': '123',
  'payment_method_data[billing_details][address][postal_code]': '94107',
});

async function post(path: string, params: Record<string, string>): Promise<{ status: number; body: any }> {
  const res = await fetch(`${running.url}/_stripejs/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(params).toString(),
  });
  return { status: res.status, body: await res.json() };
}

async function setupIntent() {
  const customer = await stripe.customers.create({ email: 'flows@example.com' });
  const si = await stripe.setupIntents.create({
    customer: customer.id,
    usage: 'off_session',
    automatic_payment_methods: { enabled: true },
  });
  const confirm = (number: string) =>
    post(`setup_intents/${si.id}/confirm`, {
      key: PK,
      client_secret: si.client_secret!,
      return_url: 'http://spa.example/done',
      ...card(number),
    });
  const authenticate = (result: 'succeed' | 'fail') =>
    post(`setup_intents/${si.id}/authenticate`, { key: PK, client_secret: si.client_secret!, result });
  const methods = async () => (await stripe.customers.listPaymentMethods(customer.id)).data;
  return { customer, si, confirm, authenticate, methods };
}

describe('confirming a SetupIntent from the browser', () => {
  it('4242 succeeds and attaches a Visa ending 4242 with the postal code', async () => {
    const t = await setupIntent();
    const res = await t.confirm('4242 4242 4242 4242');
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('succeeded');
    const [pm] = await t.methods();
    expect(pm?.card).toMatchObject({ brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2040 });
    expect(pm?.billing_details.address?.postal_code).toBe('94107');
    expect((await stripe.setupIntents.retrieve(t.si.id)).payment_method).toBe(pm?.id);
  });

  it('other Luhn-valid numbers work with their brand; invalid ones are refused', async () => {
    const t = await setupIntent();
    expect((await t.confirm('5555555555554444')).body.status).toBe('succeeded');
    expect((await t.methods())[0]?.card?.brand).toBe('mastercard');
    const bad = await (await setupIntent()).confirm('4242424242424241');
    expect(bad.status).toBe(402);
    expect(bad.body.error.code).toBe('incorrect_number');
  });

  it('4000…0002 declines with generic_decline and attaches nothing', async () => {
    const t = await setupIntent();
    const res = await t.confirm('4000000000000002');
    expect(res.status).toBe(402);
    expect(res.body.error).toMatchObject({
      type: 'card_error',
      code: 'card_declined',
      decline_code: 'generic_decline',
    });
    expect(res.body.error.setup_intent).toMatchObject({ id: t.si.id, status: 'requires_payment_method' });
    expect(res.body.error.setup_intent).not.toHaveProperty('customer');
    expect(await t.methods()).toEqual([]);
  });

  it('4000…9995 declines with insufficient_funds', async () => {
    const res = await (await setupIntent()).confirm('4000000000009995');
    expect(res.body.error.decline_code).toBe('insufficient_funds');
  });

  it('3155 requires authentication, then succeeds once approved', async () => {
    const t = await setupIntent();
    const first = await t.confirm('4000002500003155');
    expect(first.body.status).toBe('requires_action');
    expect(await t.methods()).toEqual([]);
    const done = await t.authenticate('succeed');
    expect(done.body.status).toBe('succeeded');
    expect((await t.methods())[0]?.card?.last4).toBe('3155');
    const again = await t.authenticate('succeed');
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('setup_intent_unexpected_state');
  });

  it('a failed authentication leaves the intent needing a payment method', async () => {
    const t = await setupIntent();
    await t.confirm('4000002760003184');
    const failed = await t.authenticate('fail');
    expect(failed.body.status).toBe('requires_payment_method');
    expect(failed.body.last_setup_error.code).toBe('setup_intent_authentication_failure');
    expect(await t.methods()).toEqual([]);
  });

  it('0341 attaches fine', async () => {
    const t = await setupIntent();
    expect((await t.confirm('4000000000000341')).body.status).toBe('succeeded');
    expect((await t.methods())[0]?.card?.last4).toBe('0341');
  });
});

describe('confirming a PaymentIntent from the browser', () => {
  async function paymentIntent(amount = 2000) {
    const customer = await stripe.customers.create();
    const pi = await stripe.paymentIntents.create({
      amount,
      currency: 'usd',
      customer: customer.id,
      automatic_payment_methods: { enabled: true },
    });
    return {
      pi,
      confirm: (number: string) =>
        post(`payment_intents/${pi.id}/confirm`, { key: PK, client_secret: pi.client_secret!, ...card(number) }),
    };
  }

  it('4242 pays', async () => {
    const { pi, confirm } = await paymentIntent();
    expect((await confirm('4242424242424242')).body).toMatchObject({
      status: 'succeeded',
      amount: 2000,
      currency: 'usd',
    });
    expect((await stripe.paymentIntents.retrieve(pi.id)).amount_received).toBe(2000);
  });

  it('3184 asks for 3DS on every payment; failing it gives payment_intent_authentication_failure', async () => {
    const { pi, confirm } = await paymentIntent();
    expect((await confirm('4000002760003184')).body.status).toBe('requires_action');
    const failed = await post(`payment_intents/${pi.id}/authenticate`, {
      key: PK,
      client_secret: pi.client_secret!,
      result: 'fail',
    });
    expect(failed.body.last_payment_error.code).toBe('payment_intent_authentication_failure');
    expect((await confirm('4000002760003184')).body.status).toBe('requires_action');
    const ok = await post(`payment_intents/${pi.id}/authenticate`, {
      key: PK,
      client_secret: pi.client_secret!,
      result: 'succeed',
    });
    expect(ok.body.status).toBe('succeeded');
  });

  it('a PaymentIntent secret does not open a SetupIntent path', async () => {
    const { pi } = await paymentIntent();
    const res = await post(`setup_intents/${pi.id}/confirm`, {
      key: PK,
      client_secret: pi.client_secret!,
      ...card('4242424242424242'),
    });
    expect(res.status).toBe(404);
  });

  it('creates payment methods for stripe.createPaymentMethod', async () => {
    const res = await post('payment_methods', {
      key: PK,
      type: 'card',
      'card[number]': '5555555555554444',
      'card[exp_month]': '1',
      'card[exp_year]': '2041',
      'card[cvc]': '123',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      object: 'payment_method',
      customer: null,
      card: { brand: 'mastercard', last4: '4444' },
    });
    const expired = await post('payment_methods', {
      key: PK,
      type: 'card',
      'card[number]': '4242424242424242',
      'card[exp_month]': '1',
      'card[exp_year]': '2001',
    });
    expect(expired.status).toBe(402);
  });
});
