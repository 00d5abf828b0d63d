import { createRequire } from 'node:module';
import path from 'node:path';
import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { sdkParamSchemas } from '../src/sdk-params/check.js';
import { SDK_PARAMS } from '../src/sdk-params/routes.js';
import { fakeClock, setup, stripeError } from './helpers.js';
import { schemas as responseSchemas } from './support/sdk-validation.js';

/** Parameters are checked against the SDK's own params types (generated JSON Schemas). */
describe('request parameters against the SDK params types', () => {
  const world = async () => {
    const clock = fakeClock();
    const { stripe, emulator } = setup({ now: clock.now });
    // Work due "on the next request" (the seed's tax ID verifications) happens now, not later.
    await stripe.customers.retrieve(DEMO.customers.active);
    /** The whole store and event log: a refused request must leave both untouched. */
    const state = () => JSON.stringify(emulator.core.exportState());
    return { stripe, state };
  };

  it('rejects an unknown top-level parameter as Stripe does, changing nothing', async () => {
    const { stripe, state } = await world();
    const before = state();
    const err = await stripeError(() =>
      stripe.customers.update(DEMO.customers.active, {
        name: 'Ada L.',
        nickname: 'Ada',
      } as Stripe.CustomerUpdateParams),
    );
    expect(err.statusCode).toBe(400);
    expect(err.type).toBe('StripeInvalidRequestError');
    expect(err.code).toBe('parameter_unknown');
    expect(err.param).toBe('nickname');
    expect(err.message).toBe('Received unknown parameter: nickname');
    expect(state()).toBe(before);
    expect((await stripe.customers.retrieve(DEMO.customers.active)) as Stripe.Customer).toMatchObject({
      name: 'Ada Lovelace',
    });

    // The same on GET, where parameters travel in the query string.
    const listed = await stripeError(() =>
      stripe.customers.list({ limit: 3, colour: 'red' } as Stripe.CustomerListParams),
    );
    expect([listed.code, listed.param]).toEqual(['parameter_unknown', 'colour']);
  });

  it('names the full bracket path of an unknown parameter inside an array item', async () => {
    const { stripe, state } = await world();
    const sub = await stripe.subscriptions.retrieve(DEMO.subscriptions.active);
    const before = state();
    const priceData = {
      currency: 'usd',
      product: DEMO.products.pro,
      unit_amount: 4900,
      recurring: { interval: 'month' as const },
      foo: 'bar',
    };
    const err = await stripeError(() =>
      stripe.subscriptions.update(sub.id, {
        items: [{ id: sub.items.data[0]!.id, price_data: priceData }],
        proration_behavior: 'always_invoice',
      } as Stripe.SubscriptionUpdateParams),
    );
    expect([err.statusCode, err.code, err.param]).toEqual([400, 'parameter_unknown', 'items[0][price_data][foo]']);
    expect(err.message).toBe('Received unknown parameter: items[0][price_data][foo]');
    expect(state()).toBe(before);
    expect((await stripe.subscriptions.retrieve(sub.id)).items.data[0]!.price.id).toBe(sub.items.data[0]!.price.id);

    // Deep option blocks the emulator accepts without using are now checked too.
    const config = await stripeError(() =>
      stripe.billingPortal.configurations.create({
        features: { invoice_history: { enabled: true, colour: 'red' } },
      } as Stripe.BillingPortal.ConfigurationCreateParams),
    );
    expect([config.code, config.param]).toEqual(['parameter_unknown', 'features[invoice_history][colour]']);
    expect(state()).toBe(before);
  });

  it('answers a parameter Stripe has but the emulator does not implement with its own error, not parameter_unknown', async () => {
    const { stripe, state } = await world();
    const before = state();
    const intentsBefore = (await stripe.paymentIntents.list({ limit: 100 })).data;
    const err = await stripeError(() =>
      stripe.paymentIntents.create({ amount: 1000, currency: 'usd', on_behalf_of: 'acct_1Connected' }),
    );
    expect([err.statusCode, err.type, err.code, err.param]).toEqual([
      400,
      'StripeInvalidRequestError',
      'emulator_unsupported_parameter',
      'on_behalf_of',
    ]);
    expect(err.message).toBe(
      'Received parameter not supported by stripe-emulator: on_behalf_of. It is a valid Stripe parameter for this endpoint, but the emulator does not implement it.',
    );
    expect(state()).toBe(before);
    // The seed's invoices have PaymentIntents of their own; none may be added by this refused call.
    expect((await stripe.paymentIntents.list({ limit: 100 })).data).toEqual(intentsBefore);
  });

  it('still answers payment_method_types with its dedicated error', async () => {
    const { stripe } = await world();
    const err = await stripeError(() =>
      stripe.setupIntents.create({
        customer: DEMO.customers.active,
        payment_method_types: ['card'],
      } as Stripe.SetupIntentCreateParams),
    );
    expect([err.code, err.param]).toEqual(['payment_method_types_no_longer_supported', 'payment_method_types']);
  });

  it('has an SDK params type for every route, and generated schemas for the installed stripe', () => {
    const { emulator } = setup({ seed: 'none' });
    const routes = emulator.core.router.list().filter((r) => r.includes(' /v1/'));
    expect(routes.filter((r) => !SDK_PARAMS[r])).toEqual([]);
    expect(Object.keys(SDK_PARAMS).filter((r) => !routes.includes(r))).toEqual([]);
    const params = sdkParamSchemas();
    expect([...new Set(Object.values(SDK_PARAMS))].filter((t) => !params.roots[t])).toEqual([]);

    // Stale schemas fail here: run `pnpm --filter @portal/stripe-emulator generate:schemas`.
    const require = createRequire(import.meta.url);
    const installed = require(path.join(path.dirname(require.resolve('stripe')), '..', 'package.json')) as {
      version: string;
    };
    const generator = require('ts-json-schema-generator/package.json') as { version: string };
    expect({ params: params.stripe, responses: responseSchemas.stripe }).toEqual({
      params: installed.version,
      responses: installed.version,
    });
    expect(responseSchemas.generator).toBe(`ts-json-schema-generator ${generator.version}`);
  });
});
