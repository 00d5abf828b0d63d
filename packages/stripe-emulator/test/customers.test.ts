import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { setup, stripeError, validatingHttpClient } from './helpers.js';

describe('customers', () => {
  it('creates, retrieves, updates and deletes a customer with metadata and address', async () => {
    const { stripe } = setup({ seed: 'none' });
    const created = await stripe.customers.create({
      email: 'grace@example.com',
      name: 'Grace Hopper',
      phone: '+15555550123',
      address: { line1: '1 Navy Way', city: 'Arlington', country: 'US', postal_code: '22201' },
      metadata: { user_id: 'u_1', plan: 'x' },
    });
    expect(created.id).toMatch(/^cus_/);
    expect(created.object).toBe('customer');
    expect(created.address).toEqual({
      line1: '1 Navy Way',
      line2: null,
      city: 'Arlington',
      state: null,
      country: 'US',
      postal_code: '22201',
    });
    expect(created.invoice_settings).toEqual({
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    });
    expect(created.balance).toBe(0);
    expect(created.livemode).toBe(false);

    const updated = await stripe.customers.update(created.id, {
      name: 'Rear Admiral Hopper',
      metadata: { plan: '', team: 'navy' },
      phone: '',
    });
    expect(updated.name).toBe('Rear Admiral Hopper');
    expect(updated.phone).toBeNull();
    expect(updated.metadata).toEqual({ user_id: 'u_1', team: 'navy' });

    const fetched = (await stripe.customers.retrieve(created.id)) as Stripe.Customer;
    expect(fetched.email).toBe('grace@example.com');
    expect(fetched.address?.city).toBe('Arlington');

    const cleared = await stripe.customers.update(created.id, { address: '' });
    expect(cleared.address).toBeNull();

    const deleted = await stripe.customers.del(created.id);
    expect(deleted).toMatchObject({ id: created.id, object: 'customer', deleted: true });
    const again = await stripe.customers.retrieve(created.id);
    expect(again.deleted).toBe(true);
    const err = await stripeError(() => stripe.customers.update(created.id, { name: 'x' }));
    expect(err.statusCode).toBe(404);
  });

  it('returns resource_missing, parameter_unknown and parameter_missing errors in Stripe shape', async () => {
    const { stripe } = setup({ seed: 'none' });
    const missing = await stripeError(() => stripe.customers.retrieve('cus_nope'));
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing.statusCode).toBe(404);
    expect(missing.code).toBe('resource_missing');
    expect(missing.param).toBe('id');
    expect(missing.message).toBe("No such customer: 'cus_nope'");

    const unknown = await stripeError(() =>
      stripe.customers.create({ nickname: 'x' } as unknown as Stripe.CustomerCreateParams),
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.code).toBe('parameter_unknown');
    expect(unknown.param).toBe('nickname');

    const nested = await stripeError(() =>
      stripe.customers.create({ address: { line1: 'x', planet: 'Mars' } } as unknown as Stripe.CustomerCreateParams),
    );
    expect(nested.code).toBe('parameter_unknown');
    expect(nested.param).toBe('address[planet]');

    const missingParam = await stripeError(() => stripe.products.create({} as Stripe.ProductCreateParams));
    expect(missingParam.code).toBe('parameter_missing');
    expect(missingParam.param).toBe('name');

    const badInt = await stripeError(() => stripe.customers.create({ balance: 'lots' as unknown as number }));
    expect(badInt.code).toBe('parameter_invalid_integer');
    expect(badInt.param).toBe('balance');
  });

  it('paginates newest first with limit, starting_after, ending_before and auto-pagination', async () => {
    const { stripe } = setup({ seed: 'none' });
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) ids.push((await stripe.customers.create({ email: `u${i}@example.com` })).id);
    const newestFirst = [...ids].reverse();

    const page1 = await stripe.customers.list({ limit: 10 });
    expect(page1.object).toBe('list');
    expect(page1.url).toBe('/v1/customers');
    expect(page1.has_more).toBe(true);
    expect(page1.data.map((c) => c.id)).toEqual(newestFirst.slice(0, 10));

    const page3 = await stripe.customers.list({ limit: 10, starting_after: newestFirst[19] });
    expect(page3.data.map((c) => c.id)).toEqual(newestFirst.slice(20));
    expect(page3.has_more).toBe(false);

    const before = await stripe.customers.list({ limit: 3, ending_before: newestFirst[10] });
    expect(before.data.map((c) => c.id)).toEqual(newestFirst.slice(7, 10));
    expect(before.has_more).toBe(true);

    const all: string[] = [];
    for await (const c of stripe.customers.list({ limit: 4 })) all.push(c.id);
    expect(all).toEqual(newestFirst);

    const byEmail = await stripe.customers.list({ email: 'u3@example.com' });
    expect(byEmail.data.map((c) => c.id)).toEqual([ids[3]]);

    const badLimit = await stripeError(() => stripe.customers.list({ limit: 101 }));
    expect(badLimit.statusCode).toBe(400);
  });

  it('sets a default payment method from a test token and expands it', async () => {
    const { stripe } = setup({ seed: 'none' });
    const customer = await stripe.customers.create({ email: 'pm@example.com', payment_method: 'pm_card_mastercard' });
    const methods = await stripe.customers.listPaymentMethods(customer.id);
    expect(methods.data).toHaveLength(1);
    const pm = methods.data[0]!;
    expect(pm.id).toMatch(/^pm_/);
    expect(pm.id).not.toBe('pm_card_mastercard');
    expect(pm.card?.brand).toBe('mastercard');
    expect(pm.card?.last4).toBe('4444');
    expect(pm.customer).toBe(customer.id);

    const updated = await stripe.customers.update(customer.id, {
      invoice_settings: { default_payment_method: pm.id },
      expand: ['invoice_settings.default_payment_method'],
    });
    const dpm = updated.invoice_settings.default_payment_method as Stripe.PaymentMethod;
    expect(dpm.object).toBe('payment_method');
    expect(dpm.card?.last4).toBe('4444');

    const foreign = await stripe.paymentMethods.create({ type: 'card', card: { token: 'tok_visa' } });
    const err = await stripeError(() =>
      stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: foreign.id } }),
    );
    expect(err.statusCode).toBe(400);
    expect(err.param).toBe('invoice_settings[default_payment_method]');
  });

  it('rejects a missing or malformed API key with 401', async () => {
    const { emulator } = setup({ seed: 'none' });
    const bad = new Stripe('rk_live_nope', {
      httpClient: validatingHttpClient(emulator.httpClient),
      maxNetworkRetries: 0,
    });
    const err = await stripeError(() => bad.customers.list());
    expect(err).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(err.statusCode).toBe(401);
    const res = await emulator.core.dispatch({ method: 'GET', url: '/v1/customers', headers: {}, body: '' });
    expect(res.status).toBe(401);
    expect(JSON.parse(String(res.body)).error.type).toBe('invalid_request_error');
  });

  it('replays idempotent requests and rejects a reused key with other params', async () => {
    const { stripe } = setup({ seed: 'none' });
    const a = await stripe.customers.create({ email: 'idem@example.com' }, { idempotencyKey: 'key-1' });
    const b = await stripe.customers.create({ email: 'idem@example.com' }, { idempotencyKey: 'key-1' });
    expect(b.id).toBe(a.id);
    expect(b.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect((await stripe.customers.list()).data).toHaveLength(1);
    const err = await stripeError(() =>
      stripe.customers.create({ email: 'other@example.com' }, { idempotencyKey: 'key-1' }),
    );
    expect(err.type).toBe('StripeIdempotencyError');
    expect(err.statusCode).toBe(400);
  });

  it('answers 409 to a concurrent request with the same idempotency key', async () => {
    const { emulator } = setup({ seed: 'none', latencyMs: 50 });
    const req = {
      method: 'POST',
      url: '/v1/customers',
      headers: {
        authorization: 'Bearer sk_test_x',
        'idempotency-key': 'same',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'email=a%40b.c',
    };
    const [a, b] = await Promise.all([emulator.core.dispatch(req), emulator.core.dispatch(req)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const replay = await emulator.core.dispatch(req);
    expect(replay.headers['idempotent-replayed']).toBe('true');
  });

  it('seeds the demo customer with a Visa default payment method', async () => {
    const { stripe } = setup();
    const ada = (await stripe.customers.retrieve(DEMO.customers.active, {
      expand: ['invoice_settings.default_payment_method'],
    })) as Stripe.Customer;
    expect(ada.name).toBe('Ada Lovelace');
    expect(ada.email).toBe('ada@example.com');
    const pm = ada.invoice_settings.default_payment_method as Stripe.PaymentMethod;
    expect(pm.id).toBe(DEMO.paymentMethods.activeVisa);
    expect(pm.card?.brand).toBe('visa');
    expect(pm.card?.last4).toBe('4242');
  });
});

describe('search', () => {
  it('searches customers, subscriptions and invoices with Stripe query syntax', async () => {
    const { stripe } = setup();
    const byEmail = await stripe.customers.search({ query: "email:'ada@example.com'" });
    expect(byEmail.object).toBe('search_result');
    expect(byEmail.data.map((c) => c.id)).toEqual([DEMO.customers.active]);
    const byName = await stripe.customers.search({ query: "name~'hop' OR name~'turing'" });
    expect(byName.data.map((c) => c.id).sort()).toEqual([DEMO.customers.pastDue, DEMO.customers.trialing].sort());
    const demo = await stripe.customers.search({ query: "metadata['demo']:'true'", limit: 4 });
    expect(demo.has_more).toBe(true);
    expect(demo.next_page).not.toBeNull();
    const all: string[] = [];
    for await (const c of stripe.customers.search({ query: "metadata['demo']:'true'", limit: 4 })) all.push(c.id);
    expect(all.sort()).toEqual(Object.values(DEMO.customers).sort());
    const pastDue = await stripe.subscriptions.search({ query: "status:'past_due'" });
    expect(pastDue.data.map((s) => s.id)).toEqual([DEMO.subscriptions.pastDue]);
    const open = await stripe.invoices.search({ query: `customer:'${DEMO.customers.pastDue}' AND status:'open'` });
    expect(open.data).toHaveLength(1);
    const bad = await stripeError(() => stripe.customers.search({ query: 'email is ada' }));
    expect(bad.statusCode).toBe(400);
  });
});
