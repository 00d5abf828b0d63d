import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { setup, stripeError } from './helpers.js';

type Emu = ReturnType<typeof setup>['emulator'];
const path = (url: string) => new URL(url, 'http://x').pathname + new URL(url, 'http://x').search;
const get = (emulator: Emu, url: string) =>
  emulator.core.dispatch({ method: 'GET', url: path(url), headers: {}, body: '' });
const post = (emulator: Emu, url: string, body: string) =>
  emulator.core.dispatch({
    method: 'POST',
    url: path(url),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
const unsupported = (err: Stripe.errors.StripeError, param: string) =>
  expect([err.statusCode, err.code, err.param]).toEqual([400, 'emulator_unsupported_parameter', param]);

async function sessionFor(
  stripe: Stripe,
  features: Stripe.BillingPortal.ConfigurationCreateParams.Features,
  customer: string,
  flow?: Stripe.BillingPortal.SessionCreateParams.FlowData,
) {
  const config = await stripe.billingPortal.configurations.create({
    features,
    business_profile: {
      privacy_policy_url: 'https://acme.example/privacy',
      terms_of_service_url: 'https://acme.example/terms',
    },
  });
  return stripe.billingPortal.sessions.create({
    customer,
    configuration: config.id,
    ...(flow ? { flow_data: flow } : {}),
  });
}

describe('portal configuration features are validated like Stripe and drive the hosted portal (#17)', () => {
  it('checks feature values (booleans, enums, products) and stores nothing when one is wrong', async () => {
    const { stripe } = setup();
    const bad = [
      [{ subscription_cancel: { enabled: true, mode: 'later' } }, 'features[subscription_cancel][mode]'],
      [{ invoice_history: { enabled: 'yes' } }, 'features[invoice_history][enabled]'],
      [
        {
          subscription_update: {
            enabled: true,
            products: [{ product: 'prod_missing', prices: [DEMO.prices.proMonthly] }],
          },
        },
        'features[subscription_update][products][0][product]',
      ],
      [
        {
          subscription_update: {
            enabled: true,
            products: [{ product: DEMO.products.pro, prices: [DEMO.prices.teamMonthly] }],
          },
        },
        'features[subscription_update][products][0][prices][0]',
      ],
      [
        {
          subscription_pause: {
            enabled: true,
            duration: { type: 'interval_options', interval_options: [{ interval: 'fortnight' }] },
          },
        },
        'features[subscription_pause][duration][interval_options][0][interval]',
      ],
    ] as const;
    for (const [features, param] of bad) {
      const e = await stripeError(() =>
        stripe.billingPortal.configurations.create({
          features,
        } as unknown as Stripe.BillingPortal.ConfigurationCreateParams),
      );
      // An id that does not exist answers resource_missing (404) like every other reference.
      expect([e.rawType, e.param]).toEqual(['invalid_request_error', param]);
      expect(e.statusCode === 400 || e.code === 'resource_missing').toBe(true);
    }
    const missing = await stripeError(() =>
      stripe.billingPortal.configurations.create({
        features: { subscription_cancel: { mode: 'immediately' } },
      } as Stripe.BillingPortal.ConfigurationCreateParams),
    );
    expect([missing.code, missing.param]).toEqual(['parameter_missing', 'features[subscription_cancel][enabled]']);
    expect((await stripe.billingPortal.configurations.list({ is_default: false })).data).toEqual([]);
  });

  it('refuses settings the hosted portal cannot honour instead of storing and ignoring them', async () => {
    const { stripe } = setup();
    const create = (p: Stripe.BillingPortal.ConfigurationCreateParams) =>
      stripeError(() => stripe.billingPortal.configurations.create(p));
    unsupported(
      await create({ features: { payment_method_update: { enabled: true, payment_method_configuration: 'pmc_123' } } }),
      'features[payment_method_update][payment_method_configuration]',
    );
    unsupported(
      await create({
        features: {
          subscription_cancel: {
            enabled: true,
            cancellation_reason: { enabled: true, options: ['other'], feedback_options: ['bfo_1'] },
          },
        },
      }),
      'features[subscription_cancel][cancellation_reason][feedback_options]',
    );
    unsupported(
      await create({ features: { customer_update: { enabled: true, allowed_updates: ['email', 'tax_id'] } } }),
      'features[customer_update][allowed_updates][1]',
    );
    unsupported(
      await create({ features: { invoice_history: { enabled: true } }, login_page: { enabled: true } }),
      'login_page[enabled]',
    );
    const config = await stripe.billingPortal.configurations.create({
      features: { invoice_history: { enabled: true } },
    });
    unsupported(
      await stripeError(() =>
        stripe.billingPortal.configurations.update(config.id, {
          features: { customer_update: { allowed_updates: ['shipping'] } },
        }),
      ),
      'features[customer_update][allowed_updates][0]',
    );
    expect(
      (await stripe.billingPortal.configurations.retrieve(config.id)).features.customer_update.allowed_updates,
    ).toEqual(['email', 'address']);
  });

  it('cancels immediately with the configured proration: always_invoice bills the credit at once', async () => {
    const { stripe, emulator } = setup();
    const before = (await stripe.invoices.list({ subscription: DEMO.subscriptions.active, limit: 100 })).data.length;
    const s = await sessionFor(
      stripe,
      { subscription_cancel: { enabled: true, mode: 'immediately', proration_behavior: 'always_invoice' } },
      DEMO.customers.active,
    );
    await post(emulator, `${s.url}/action`, `action=cancel&subscription=${DEMO.subscriptions.active}`);
    expect((await stripe.subscriptions.retrieve(DEMO.subscriptions.active)).status).toBe('canceled');
    const invoices = (await stripe.invoices.list({ subscription: DEMO.subscriptions.active, limit: 100 })).data;
    expect(invoices.length).toBe(before + 1);
    expect(invoices[0]!.total).toBeLessThan(0);
  });

  it('pauses for a configured length, and refuses the pause page when pausing is off', async () => {
    const { stripe, emulator } = setup();
    const flow = {
      type: 'subscription_pause' as const,
      subscription_pause: { subscription: DEMO.subscriptions.active },
    };
    // Stripe refuses a pause deep link while pausing is off, so it is turned off after the session.
    const off = await sessionFor(stripe, { subscription_pause: { enabled: true } }, DEMO.customers.active, flow);
    await stripe.billingPortal.configurations.update(off.configuration as string, {
      features: { subscription_pause: { enabled: false } },
    });
    expect((await get(emulator, off.url)).status).toBe(403);
    await post(emulator, `${off.url}/action`, `action=pause&subscription=${DEMO.subscriptions.active}`);
    expect((await stripe.subscriptions.retrieve(DEMO.subscriptions.active)).pause_collection).toBeNull();

    const on = await sessionFor(
      stripe,
      {
        subscription_pause: {
          enabled: true,
          duration: {
            type: 'interval_options',
            interval_options: [{ interval: 'week', interval_count: 2 }, { interval: 'month' }],
          },
        },
      },
      DEMO.customers.active,
      flow,
    );
    const page = await get(emulator, on.url);
    expect(page.body).toContain('2 weeks');
    const now = Math.floor(emulator.core.now());
    await post(emulator, `${on.url}/action`, `action=pause&subscription=${DEMO.subscriptions.active}&duration=0`);
    const paused = await stripe.subscriptions.retrieve(DEMO.subscriptions.active);
    expect(paused.pause_collection?.behavior).toBe('void');
    expect(paused.pause_collection?.resumes_at).toBe(now + 14 * 86400);
  });

  it('lets customers edit only the billing details the configuration allows, and nothing when customer_update is off', async () => {
    const { stripe, emulator } = setup();
    const customer = DEMO.customers.active;
    const original = (await stripe.customers.retrieve(customer)) as Stripe.Customer;
    const off = await sessionFor(stripe, { customer_update: { enabled: true, allowed_updates: ['name'] } }, customer, {
      type: 'customer_update',
    } as Stripe.BillingPortal.SessionCreateParams.FlowData);
    await stripe.billingPortal.configurations.update(off.configuration as string, {
      features: { customer_update: { enabled: false } },
    });
    expect((await get(emulator, off.url)).status).toBe(403);
    await post(emulator, `${off.url}/action`, 'action=customer_update&name=Mallory');
    expect(((await stripe.customers.retrieve(customer)) as Stripe.Customer).name).toBe(original.name);

    const phoneOnly = await sessionFor(
      stripe,
      { customer_update: { enabled: true, allowed_updates: ['phone'] } },
      customer,
    );
    const home = (await get(emulator, phoneOnly.url)).body;
    expect(home).toContain('portal-update-customer');
    const form = (await get(emulator, `${phoneOnly.url}?update=customer`)).body;
    expect([form.includes('name="phone"'), form.includes('name="name"')]).toEqual([true, false]);
    await post(emulator, `${phoneOnly.url}/action`, 'action=customer_update&name=Mallory&phone=%2B15555550100');
    const after = (await stripe.customers.retrieve(customer)) as Stripe.Customer;
    expect([after.name, after.phone]).toEqual([original.name, '+15555550100']);
  });

  it('shows the business profile terms and privacy links on the portal homepage, and clears them with null', async () => {
    const { stripe, emulator } = setup();
    const s = await sessionFor(stripe, { invoice_history: { enabled: true } }, DEMO.customers.active);
    const body = (await get(emulator, s.url)).body;
    expect(body).toContain('href="https://acme.example/terms"');
    expect(body).toContain('href="https://acme.example/privacy"');
    const cleared = await stripe.billingPortal.configurations.update(s.configuration as string, {
      business_profile: { privacy_policy_url: null },
    });
    expect(cleared.business_profile).toMatchObject({
      privacy_policy_url: null,
      terms_of_service_url: 'https://acme.example/terms',
    });
    expect((await get(emulator, s.url)).body).not.toContain('acme.example/privacy');
  });
});

describe('subscription_update settings shape a confirmed plan change (#17)', () => {
  const offer = (
    extra: Partial<Stripe.BillingPortal.ConfigurationCreateParams.Features.SubscriptionUpdate>,
  ): Stripe.BillingPortal.ConfigurationCreateParams.Features => ({
    subscription_update: {
      enabled: true,
      default_allowed_updates: ['price', 'quantity'],
      proration_behavior: 'none',
      products: [
        { product: DEMO.products.pro, prices: [DEMO.prices.proMonthly, DEMO.prices.proYearly] },
        {
          product: DEMO.products.team,
          prices: [DEMO.prices.teamMonthly],
          adjustable_quantity: { enabled: true, minimum: 1, maximum: 50 },
        },
      ],
      ...extra,
    },
  });
  const confirm = (
    subscription: string,
    item: Stripe.BillingPortal.SessionCreateParams.FlowData.SubscriptionUpdateConfirm.Item,
  ) => ({
    type: 'subscription_update_confirm' as const,
    subscription_update_confirm: { subscription, items: [item] },
  });

  it('shows the amount charged today as the configured proration makes it: nothing with none, the prorated amount with always_invoice', async () => {
    const amounts: string[] = [];
    for (const proration_behavior of ['none', 'always_invoice'] as const) {
      const { stripe, emulator } = setup();
      const sub = await stripe.subscriptions.retrieve(DEMO.subscriptions.multiSeat);
      const item = sub.items.data[0]!;
      const s = await sessionFor(
        stripe,
        offer({ proration_behavior }),
        DEMO.customers.multiSeat,
        confirm(sub.id, { id: item.id, quantity: (item.quantity ?? 1) + 1 }),
      );
      amounts.push(/Amount due today: ([^<]+)</.exec(String((await get(emulator, s.url)).body))?.[1] ?? '');
    }
    expect(amounts[0]).toBe('$0.00');
    expect(amounts[1]).toMatch(/^\$[1-9]/);
  });

  it('refuses a price change when default_allowed_updates lists only quantity', async () => {
    const { stripe } = setup();
    const sub = await stripe.subscriptions.retrieve(DEMO.subscriptions.active);
    const e = await stripeError(() =>
      sessionFor(
        stripe,
        offer({ default_allowed_updates: ['quantity'] }),
        DEMO.customers.active,
        confirm(sub.id, { id: sub.items.data[0]!.id, price: DEMO.prices.proYearly }),
      ),
    );
    expect([e.statusCode, e.param]).toEqual([400, 'flow_data[subscription_update_confirm][items][0][price]']);
  });

  it('ends a trial on a plan change by default (end_trial) and keeps it with continue_trial', async () => {
    for (const [behavior, status] of [
      ['end_trial', 'active'],
      ['continue_trial', 'trialing'],
    ] as const) {
      const { stripe, emulator } = setup();
      const sub = await stripe.subscriptions.retrieve(DEMO.subscriptions.trialing);
      const s = await sessionFor(
        stripe,
        offer({ trial_update_behavior: behavior }),
        DEMO.customers.trialing,
        confirm(sub.id, { id: sub.items.data[0]!.id, price: DEMO.prices.proYearly }),
      );
      await post(emulator, `${s.url}/action`, 'action=confirm_update');
      const after = await stripe.subscriptions.retrieve(sub.id);
      expect([after.items.data[0]!.price.id, after.status]).toEqual([DEMO.prices.proYearly, status]);
    }
  });

  it('restarts the billing period on a change when billing_cycle_anchor is now', async () => {
    const { stripe, emulator } = setup();
    const sub = await stripe.subscriptions.retrieve(DEMO.subscriptions.multiSeat);
    const item = sub.items.data[0]!;
    const s = await sessionFor(
      stripe,
      offer({ billing_cycle_anchor: 'now', proration_behavior: 'create_prorations' }),
      DEMO.customers.multiSeat,
      confirm(sub.id, { id: item.id, quantity: (item.quantity ?? 1) + 1 }),
    );
    const now = Math.floor(emulator.core.now());
    await post(emulator, `${s.url}/action`, 'action=confirm_update');
    const after = await stripe.subscriptions.retrieve(sub.id);
    expect(after.items.data[0]!.quantity).toBe((item.quantity ?? 1) + 1);
    expect(after.billing_cycle_anchor).toBeGreaterThanOrEqual(now);
    expect(after.billing_cycle_anchor).not.toBe(sub.billing_cycle_anchor);
  });
});
