import { describe, expect, it } from 'vitest';
import { DEMO, saveDashboardConfiguration } from '../src/index.js';
import { setup, stripeError } from './helpers.js';

// Issue #17 items 1 and 16 (return_url): portal sessions as Stripe makes them.
describe('billing portal sessions', () => {
  it('are refused on an account whose portal settings were never saved, and make up no configuration', async () => {
    const { stripe } = setup({ seed: 'none' });
    const customer = await stripe.customers.create({ email: 'p@example.com' });
    const err = await stripeError(() =>
      stripe.billingPortal.sessions.create({ customer: customer.id, return_url: 'https://app.example/billing' }),
    );
    expect(err.statusCode).toBe(400);
    expect(err.type).toBe('StripeInvalidRequestError');
    expect(err.message).toMatch(/default configuration has not been created/);
    expect((await stripe.billingPortal.configurations.list()).data).toHaveLength(0);

    // A configuration made through the API is not the default, but can be named explicitly.
    const config = await stripe.billingPortal.configurations.create({
      features: { invoice_history: { enabled: true } },
    });
    expect(config.is_default).toBe(false);
    await stripeError(() => stripe.billingPortal.sessions.create({ customer: customer.id }));
    const session = await stripe.billingPortal.sessions.create({
      customer: customer.id,
      configuration: config.id,
      return_url: 'https://app.example/billing',
    });
    expect(session.configuration).toBe(config.id);
  });

  it('use the default configuration once it exists (the demo seed saved one, as a real account has)', async () => {
    const { stripe } = setup({ seed: 'demo' });
    const defaults = await stripe.billingPortal.configurations.list({ is_default: true });
    expect(defaults.data.map((c) => c.id)).toEqual([DEMO.portalConfiguration]);
    const session = await stripe.billingPortal.sessions.create({
      customer: DEMO.customers.active,
      return_url: 'https://app.example/billing',
    });
    expect(session.configuration).toBe(DEMO.portalConfiguration);
  });

  it('take return_url as optional: the configuration default, else no return link', async () => {
    const { emulator, stripe } = setup({ seed: 'none' });
    const customer = await stripe.customers.create({ email: 'r@example.com' });
    saveDashboardConfiguration(emulator.core);
    const bare = await stripe.billingPortal.sessions.create({ customer: customer.id });
    expect(bare.return_url).toBeNull();
    const page = await emulator.core.dispatch({
      method: 'GET',
      url: new URL(bare.url).pathname,
      headers: {},
      body: '',
    });
    expect(page.status).toBe(200);
    expect(String(page.body)).not.toContain('portal-return');

    const withDefault = await stripe.billingPortal.configurations.create({
      features: { invoice_history: { enabled: true } },
      default_return_url: 'https://app.example/home',
    });
    const fallback = await stripe.billingPortal.sessions.create({
      customer: customer.id,
      configuration: withDefault.id,
    });
    expect(fallback.return_url).toBe('https://app.example/home');
    const linked = await emulator.core.dispatch({
      method: 'GET',
      url: new URL(fallback.url).pathname,
      headers: {},
      body: '',
    });
    expect(String(linked.body)).toContain('Return to app.example');
  });
});
