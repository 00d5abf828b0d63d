import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { setup, stripeError } from './helpers.js';

// Issue #17: a deep link (`flow_data`) needs its feature on in the session's configuration; Stripe
// refuses the session with a 400 naming `flow_data[type]` otherwise, and makes nothing.
type Emu = ReturnType<typeof setup>['emulator'];
type Features = Stripe.BillingPortal.ConfigurationCreateParams.Features;
type Flow = Stripe.BillingPortal.SessionCreateParams.FlowData;
const path = (url: string) => new URL(url).pathname;
const get = (emulator: Emu, url: string) =>
  emulator.core.dispatch({ method: 'GET', url: path(url), headers: {}, body: '' });
const post = (emulator: Emu, url: string, body: string) =>
  emulator.core.dispatch({
    method: 'POST',
    url: `${path(url)}/action`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
const sessionsOf = (emulator: Emu) => emulator.core.store.all('billing_portal.session').length;

const updates: Features['subscription_update'] = {
  enabled: true,
  default_allowed_updates: ['price', 'quantity'],
  products: [
    {
      product: DEMO.products.team,
      prices: [DEMO.prices.teamMonthly],
      adjustable_quantity: { enabled: true, minimum: 1, maximum: 50 },
    },
  ],
};

async function flows(stripe: Stripe) {
  const sub = await stripe.subscriptions.retrieve(DEMO.subscriptions.multiSeat);
  const subscription = sub.id;
  const item = sub.items.data[0]!.id;
  // Each flow type and the feature it needs, with a configuration where that feature is off.
  return [
    ['payment_method_update', { type: 'payment_method_update' }, { payment_method_update: { enabled: false } }],
    [
      'subscription_cancel',
      { type: 'subscription_cancel', subscription_cancel: { subscription } },
      { subscription_cancel: { enabled: false } },
    ],
    [
      'subscription_pause',
      { type: 'subscription_pause', subscription_pause: { subscription } },
      { subscription_pause: { enabled: false } },
    ],
    [
      'subscription_update',
      { type: 'subscription_update', subscription_update: { subscription } },
      { subscription_update: { enabled: false } },
    ],
    [
      'subscription_update',
      {
        type: 'subscription_update_confirm',
        subscription_update_confirm: { subscription, items: [{ id: item, quantity: 6 }] },
      },
      { subscription_update: { ...updates, enabled: false } },
    ],
    ['customer_update', { type: 'customer_update' }, { customer_update: { enabled: false } }],
  ] as Array<[string, Flow, Features]>;
}

describe('deep links need their feature in the configuration', () => {
  it('refuses each flow type whose feature is off with 400 flow_data[type], making no session', async () => {
    const { stripe, emulator } = setup();
    for (const [feature, flow, features] of await flows(stripe)) {
      const config = await stripe.billingPortal.configurations.create({
        features: { invoice_history: { enabled: true }, ...features },
      });
      const before = sessionsOf(emulator);
      const e = await stripeError(() =>
        stripe.billingPortal.sessions.create({
          customer: DEMO.customers.multiSeat,
          configuration: config.id,
          flow_data: flow,
        }),
      );
      expect([e.statusCode, e.rawType, e.param], flow.type).toEqual([400, 'invalid_request_error', 'flow_data[type]']);
      expect(e.message).toContain(`features[${feature}][enabled]`);
      expect(e.message).toContain(flow.type);
      expect(sessionsOf(emulator)).toBe(before);
    }
  });

  it('accepts the same flows once their feature is on', async () => {
    const { stripe } = setup();
    const config = await stripe.billingPortal.configurations.create({
      features: {
        subscription_update: updates,
        subscription_pause: { enabled: true },
        customer_update: { enabled: true, allowed_updates: ['email'] },
      },
    });
    for (const [, flow] of await flows(stripe)) {
      const session = await stripe.billingPortal.sessions.create({
        customer: DEMO.customers.multiSeat,
        configuration: config.id,
        flow_data: flow,
      });
      expect(session.flow?.type).toBe(flow.type);
    }
  });

  it('the account default (saved in the Dashboard by the demo seed) offers plan changes, so confirm deep links work', async () => {
    const { stripe } = setup();
    const config = await stripe.billingPortal.configurations.retrieve(DEMO.portalConfiguration);
    expect(config.features.subscription_update).toMatchObject({
      enabled: true,
      default_allowed_updates: ['price', 'quantity', 'promotion_code'],
    });
    const sub = await stripe.subscriptions.retrieve(DEMO.subscriptions.multiSeat);
    const session = await stripe.billingPortal.sessions
      .create({
        customer: DEMO.customers.multiSeat,
        flow_data: {
          type: 'subscription_update_confirm',
          subscription_update_confirm: { subscription: sub.id, items: [{ id: sub.items.data[0]!.id, quantity: 51 }] },
        },
      })
      .catch((e: Stripe.errors.StripeError) => e);
    // The demo catalog allows 1–50 seats on Team, as the portal's own configuration does.
    expect((session as Stripe.errors.StripeError).param).toBe(
      'flow_data[subscription_update_confirm][items][0][quantity]',
    );
  });

  it('a flow whose feature is turned off after the session was made answers 403 and changes nothing', async () => {
    const { stripe, emulator } = setup();
    const config = await stripe.billingPortal.configurations.create({ features: { subscription_update: updates } });
    const sub = await stripe.subscriptions.retrieve(DEMO.subscriptions.multiSeat);
    const session = await stripe.billingPortal.sessions.create({
      customer: DEMO.customers.multiSeat,
      configuration: config.id,
      flow_data: {
        type: 'subscription_update_confirm',
        subscription_update_confirm: { subscription: sub.id, items: [{ id: sub.items.data[0]!.id, quantity: 6 }] },
      },
    });
    await stripe.billingPortal.configurations.update(config.id, {
      features: { subscription_update: { enabled: false } },
    });
    expect((await get(emulator, session.url)).status).toBe(403);
    await post(emulator, session.url, 'action=confirm_update');
    expect((await stripe.subscriptions.retrieve(sub.id)).items.data[0]!.quantity).toBe(sub.items.data[0]!.quantity);

    const cancelConfig = await stripe.billingPortal.configurations.create({
      features: { subscription_cancel: { enabled: true } },
    });
    const cancel = await stripe.billingPortal.sessions.create({
      customer: DEMO.customers.multiSeat,
      configuration: cancelConfig.id,
      flow_data: { type: 'subscription_cancel', subscription_cancel: { subscription: sub.id } },
    });
    await stripe.billingPortal.configurations.update(cancelConfig.id, {
      features: { subscription_cancel: { enabled: false } },
    });
    expect((await get(emulator, cancel.url)).status).toBe(403);
  });
});
