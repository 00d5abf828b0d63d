import { runInNewContext } from 'node:vm';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type RunningEmulator } from '../src/index.js';
import { validatingHttpClient } from './helpers.js';

// The Stripe.js stand-in's server side, driven over HTTP as the browser script drives it.
const emulator = createEmulator({ seed: 'none' });
let running: RunningEmulator;
let stripe: Stripe;
const PK = 'pk_test_standin';

beforeAll(async () => {
  running = await emulator.listen({ port: 0 });
  stripe = new Stripe('sk_test_standin', {
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
});

async function post(
  path: string,
  params: Record<string, string>,
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${running.url}/_stripejs/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://spa.example' },
    body: new URLSearchParams(params).toString(),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

async function setupIntent(): Promise<{ customer: Stripe.Customer; si: Stripe.SetupIntent }> {
  const customer = await stripe.customers.create({ email: 'standin@example.com' });
  const si = await stripe.setupIntents.create({
    customer: customer.id,
    usage: 'off_session',
    automatic_payment_methods: { enabled: true },
  });
  return { customer, si };
}

const attached = async (customer: string) => (await stripe.customers.listPaymentMethods(customer)).data;

describe('the script', () => {
  it('is served at /v3/stripe.js and /js/stripe.js for any origin', async () => {
    for (const path of ['/v3/stripe.js', '/js/stripe.js']) {
      const res = await fetch(`${running.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/javascript');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(await res.text()).toContain('window.Stripe = SE.Stripe');
    }
  });

  it('defines window.Stripe with what loadStripe and <Elements> need', async () => {
    const source = await (await fetch(`${running.url}/v3/stripe.js`)).text();
    const window: Record<string, any> = {};
    runInNewContext(source, {
      window,
      document: { currentScript: { src: `${running.url}/v3/stripe.js` } },
      URL,
      Promise,
      setTimeout,
    });
    expect(window.Stripe.version).toBe('endive');
    const instance = window.Stripe(PK);
    for (const m of [
      'elements',
      'createToken',
      'createPaymentMethod',
      'confirmCardPayment',
      'confirmSetup',
      'confirmPayment',
      'handleNextAction',
      'retrieveSetupIntent',
      'retrievePaymentIntent',
    ])
      expect(typeof instance[m], m).toBe('function');
    expect(() => window.Stripe('sk_test_nope')).toThrow(/secret key/);
    expect(() => window.Stripe('')).toThrow(/publishable key/);
  });

  it('answers CORS preflights', async () => {
    const res = await fetch(`${running.url}/_stripejs/setup_intents/seti_x/confirm`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://spa.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type');
  });
});

describe('publishable key and client secret checks', () => {
  it('needs a pk_test key: none or a secret key is a 401 and changes nothing', async () => {
    const { customer, si } = await setupIntent();
    const missing = await post(`setup_intents/${si.id}/confirm`, {
      client_secret: si.client_secret!,
      ...card('4242424242424242'),
    });
    expect(missing.status).toBe(401);
    const secretKey = await post(`setup_intents/${si.id}/confirm`, {
      key: 'sk_test_standin',
      client_secret: si.client_secret!,
      ...card('4242424242424242'),
    });
    expect(secretKey.status).toBe(401);
    expect(secretKey.body.error.message).toMatch(/Invalid API Key/);
    expect((await stripe.setupIntents.retrieve(si.id)).status).toBe('requires_payment_method');
    expect(await attached(customer.id)).toEqual([]);
  });

  it('a wrong or missing client secret is refused (404 / 400) and changes nothing', async () => {
    const { customer, si } = await setupIntent();
    const other = await setupIntent();
    const wrong = await post(`setup_intents/${si.id}/confirm`, {
      key: PK,
      client_secret: other.si.client_secret!,
      ...card('4242424242424242'),
    });
    expect(wrong.status).toBe(404);
    expect(wrong.body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'resource_missing',
      param: 'client_secret',
    });
    const none = await post(`setup_intents/${si.id}/confirm`, { key: PK, ...card('4242424242424242') });
    expect(none.status).toBe(400);
    expect(none.body.error).toMatchObject({ code: 'parameter_missing', param: 'client_secret' });
    const read = await fetch(
      `${running.url}/_stripejs/setup_intents/${si.id}?key=${PK}&client_secret=${si.id}_secret_wrong`,
    );
    expect(read.status).toBe(404);
    const unknown = await post('setup_intents/seti_unknown/confirm', {
      key: PK,
      client_secret: 'seti_unknown_secret_x',
    });
    expect(unknown.status).toBe(404);
    const auth = await post(`setup_intents/${si.id}/authenticate`, {
      key: PK,
      client_secret: 'nope',
      result: 'succeed',
    });
    expect(auth.status).toBe(404);
    expect((await stripe.setupIntents.retrieve(si.id)).status).toBe('requires_payment_method');
    expect(await attached(customer.id)).toEqual([]);
  });

  it('retrieving shows the publishable-key view (no customer or metadata)', async () => {
    const { si } = await setupIntent();
    const res = await fetch(
      `${running.url}/_stripejs/setup_intents/${si.id}?key=${PK}&client_secret=${si.client_secret}`,
    );
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body).toMatchObject({
      id: si.id,
      object: 'setup_intent',
      status: 'requires_payment_method',
      client_secret: si.client_secret,
    });
    expect(body).not.toHaveProperty('customer');
    expect(body).not.toHaveProperty('metadata');
  });

  it('the envelope answers 200 with the real status inside', async () => {
    const { si } = await setupIntent();
    const res = await post(`setup_intents/${si.id}/confirm?_envelope=1`, { key: PK, client_secret: 'seti_x_secret_y' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe(404);
    expect(res.body.body.error.code).toBe('resource_missing');
  });
});
