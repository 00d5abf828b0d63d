import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type RunningEmulator } from '../src/index.js';
import { validatingHttpClient } from './helpers.js';

// Issue #17: a 3DS card confirmed with `use_stripe_sdk: true` (what Stripe.js sends) asks for the
// `use_stripe_sdk` next action, as Stripe does; any other confirm asks for `redirect_to_url`.
// Over a real port, so the challenge address in the action can be followed.
const emulator = createEmulator({ seed: 'none' });
let running: RunningEmulator;
let stripe: Stripe;

beforeAll(async () => {
  running = await emulator.listen({ port: 0 });
  stripe = new Stripe('sk_test_next_action', {
    host: running.host,
    port: running.port,
    protocol: 'http',
    httpClient: validatingHttpClient(Stripe.createNodeHttpClient()),
    maxNetworkRetries: 0,
  });
});
afterAll(() => running?.close());

/** Answers the hosted challenge the way the customer's bank page would. */
async function answerChallenge(url: string, result: 'approve' | 'fail'): Promise<void> {
  const res = await fetch(`${url}/complete`, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    body: `result=${result}`,
  });
  expect(res.status).toBe(200);
}

describe('SetupIntent next_action', () => {
  it('use_stripe_sdk: true answers the use_stripe_sdk action, whose challenge completes the setup', async () => {
    const customer = await stripe.customers.create();
    const si = await stripe.setupIntents.create({
      customer: customer.id,
      automatic_payment_methods: { enabled: true },
    });
    const confirmed = await stripe.setupIntents.confirm(si.id, {
      payment_method: 'pm_card_authenticationRequiredOnSetup',
      use_stripe_sdk: true,
      return_url: 'https://shop.example/back',
    });
    expect(confirmed.status).toBe('requires_action');
    expect(confirmed.next_action?.type).toBe('use_stripe_sdk');
    expect(confirmed.next_action?.redirect_to_url).toBeUndefined();
    const sdk = confirmed.next_action?.use_stripe_sdk as { type: string; stripe_js: string };
    expect(sdk).toEqual({ type: 'three_d_secure_redirect', stripe_js: `${running.url}/_hosted/3ds/${si.id}` });
    await answerChallenge(sdk.stripe_js, 'approve');
    const done = await stripe.setupIntents.retrieve(si.id);
    expect(done).toMatchObject({ status: 'succeeded', next_action: null });
    expect((await stripe.customers.listPaymentMethods(customer.id)).data).toHaveLength(1);
  });

  it('create with confirm and use_stripe_sdk answers the same action', async () => {
    const si = await stripe.setupIntents.create({
      payment_method: 'pm_card_authenticationRequired',
      confirm: true,
      use_stripe_sdk: true,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    expect(si.next_action?.type).toBe('use_stripe_sdk');
  });

  it('a confirm without use_stripe_sdk keeps redirect_to_url with the return_url', async () => {
    const si = await stripe.setupIntents.create({ automatic_payment_methods: { enabled: true } });
    const confirmed = await stripe.setupIntents.confirm(si.id, {
      payment_method: 'pm_card_authenticationRequiredOnSetup',
      return_url: 'https://shop.example/back',
    });
    expect(confirmed.next_action).toEqual({
      type: 'redirect_to_url',
      redirect_to_url: { return_url: 'https://shop.example/back', url: `${running.url}/_hosted/3ds/${si.id}` },
    });
  });
});

describe('PaymentIntent next_action', () => {
  it('use_stripe_sdk: true answers the use_stripe_sdk action; failing its challenge fails the payment', async () => {
    const pi = await stripe.paymentIntents.create({
      amount: 1500,
      currency: 'usd',
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    const confirmed = await stripe.paymentIntents.confirm(pi.id, {
      payment_method: 'pm_card_authenticationRequired',
      use_stripe_sdk: true,
    });
    expect(confirmed.status).toBe('requires_action');
    expect(confirmed.next_action?.type).toBe('use_stripe_sdk');
    const sdk = confirmed.next_action?.use_stripe_sdk as { stripe_js: string };
    await answerChallenge(sdk.stripe_js, 'fail');
    const failed = await stripe.paymentIntents.retrieve(pi.id);
    expect(failed.status).toBe('requires_payment_method');
    expect(failed.last_payment_error?.code).toBe('payment_intent_authentication_failure');
  });
});

describe('the Stripe.js stand-in', () => {
  it('confirms as Stripe.js does (use_stripe_sdk), so the intent carries the use_stripe_sdk action', async () => {
    const si = await stripe.setupIntents.create({ automatic_payment_methods: { enabled: true } });
    const res = await fetch(`${running.url}/_stripejs/setup_intents/${si.id}/confirm`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        key: 'pk_test_next_action',
        client_secret: si.client_secret!,
        payment_method: 'pm_card_authenticationRequiredOnSetup',
      }).toString(),
    });
    const body = (await res.json()) as { status: string; next_action: { type: string } };
    expect(body).toMatchObject({ status: 'requires_action', next_action: { type: 'use_stripe_sdk' } });
    expect((await stripe.setupIntents.retrieve(si.id)).next_action?.type).toBe('use_stripe_sdk');
  });
});
