import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { API_VERSION } from '../src/index.js';
import { setup, stripeError } from './helpers.js';

// Issue #17 item 3: the `Stripe-Version` header decides the shapes of every answer, so the
// emulator must never answer a version it does not render as if it were endive.
const sdkWithVersion = (emulator: ReturnType<typeof setup>['emulator'], apiVersion: string) =>
  new Stripe('sk_test_emulator', {
    httpClient: emulator.httpClient,
    maxNetworkRetries: 0,
    apiVersion: apiVersion as Stripe.LatestApiVersion,
  });

describe('Stripe-Version', () => {
  it('answers the pinned version as before', async () => {
    const { stripe } = setup({ seed: 'none' });
    const customer = await stripe.customers.create({ email: 'v@example.com' });
    expect(customer.object).toBe('customer');
    expect(API_VERSION).toBe('2026-10-28.endive');
  });

  it('refuses a version that does not exist with Stripe 400 and creates nothing', async () => {
    const { emulator, stripe } = setup({ seed: 'none' });
    for (const bogus of ['2099-01-01', '2026-10-28.zucchini', 'latest', '2025-03-31.basil; foo=v1']) {
      const err = await stripeError(() => sdkWithVersion(emulator, bogus).customers.create({ email: 'x@example.com' }));
      expect(err.statusCode).toBe(400);
      expect(err.type).toBe('StripeInvalidRequestError');
      expect(err.message).toMatch(new RegExp(`^Invalid Stripe API version: ${bogus.replace(/[.;=]/g, '\\$&')}`));
    }
    expect((await stripe.customers.list()).data).toHaveLength(0);
  });

  it('refuses a real but older release by name instead of answering in endive shapes', async () => {
    const { emulator } = setup({ seed: 'none' });
    for (const old of ['2024-06-20', '2025-03-31.basil', '2026-08-26.dahlia']) {
      const err = await stripeError(() => sdkWithVersion(emulator, old).customers.list());
      expect(err.statusCode).toBe(400);
      expect(err.code).toBe('emulator_unsupported_version');
      expect(err.message).toContain(old);
    }
  });

  it('accepts an earlier monthly version of the same release, which only lacks added fields', async () => {
    const { emulator } = setup({ seed: 'none' });
    const list = await sdkWithVersion(emulator, '2026-09-30.endive').customers.list();
    expect(list.object).toBe('list');
  });

  it('checks webhook_endpoints.create api_version the same way', async () => {
    const { stripe } = setup({ seed: 'none' });
    const bogus = await stripeError(() =>
      stripe.webhookEndpoints.create({
        url: 'https://example.com/h',
        enabled_events: ['*'],
        api_version: '2030-01-01' as Stripe.WebhookEndpointCreateParams.ApiVersion,
      }),
    );
    expect(bogus.param).toBe('api_version');
    expect(bogus.message).toMatch(/^Invalid Stripe API version: 2030-01-01/);
    const old = await stripeError(() =>
      stripe.webhookEndpoints.create({
        url: 'https://example.com/h',
        enabled_events: ['*'],
        api_version: '2024-06-20',
      }),
    );
    expect(old.code).toBe('emulator_unsupported_version');
    expect((await stripe.webhookEndpoints.list()).data).toHaveLength(0);
  });
});
