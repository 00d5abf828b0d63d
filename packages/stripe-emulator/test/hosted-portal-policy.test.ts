import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { setup, stripeError } from './helpers.js';

type Emu = ReturnType<typeof setup>['emulator'];
const post = (emulator: Emu, url: string, body: string) =>
  emulator.core.dispatch({
    method: 'POST',
    url: new URL(url, 'http://x').pathname,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });

/** A configuration like the portal's: Pro fixed, Team 1–50 seats, decreases booked for the period end. */
async function world(
  conditions: Stripe.BillingPortal.ConfigurationCreateParams.Features.SubscriptionUpdate.ScheduleAtPeriodEnd.Condition[] = [
    { type: 'decreasing_item_amount' },
  ],
) {
  const { stripe, emulator } = setup();
  const config = await stripe.billingPortal.configurations.create({
    business_profile: { headline: 'Acme' },
    features: {
      subscription_update: {
        enabled: true,
        default_allowed_updates: ['price', 'quantity'],
        proration_behavior: 'always_invoice',
        products: [
          { product: DEMO.products.pro, prices: [DEMO.prices.proMonthly] },
          {
            product: DEMO.products.team,
            prices: [DEMO.prices.teamMonthly],
            adjustable_quantity: { enabled: true, minimum: 1, maximum: 50 },
          },
        ],
        schedule_at_period_end: { conditions },
      },
    },
  });
  const sub = await stripe.subscriptions.retrieve(DEMO.subscriptions.multiSeat);
  const session = (item: Stripe.BillingPortal.SessionCreateParams.FlowData.SubscriptionUpdateConfirm.Item) =>
    stripe.billingPortal.sessions.create({
      customer: DEMO.customers.multiSeat,
      configuration: config.id,
      return_url: 'https://app.example/billing',
      flow_data: {
        type: 'subscription_update_confirm',
        subscription_update_confirm: { subscription: sub.id, items: [item] },
      },
    });
  return { stripe, emulator, sub, itemId: sub.items.data[0]!.id, session };
}

describe("issue 15 item 2: the hosted portal holds deep links to the configuration's limits", () => {
  it('refuses quantities outside the minimum and maximum, with the param Stripe names', async () => {
    const { session, itemId } = await world();
    for (const quantity of [0, 51, 1_000_000]) {
      const e = await stripeError(() => session({ id: itemId, quantity }));
      expect([e.rawType, e.param]).toEqual([
        'invalid_request_error',
        'flow_data[subscription_update_confirm][items][0][quantity]',
      ]);
    }
  });

  it('refuses a price the configuration does not offer, and a quantity on a fixed-quantity product', async () => {
    const { session, itemId } = await world();
    const price = await stripeError(() => session({ id: itemId, price: DEMO.prices.businessMonthly }));
    expect(price.param).toBe('flow_data[subscription_update_confirm][items][0][price]');
    const fixed = await stripeError(() => session({ id: itemId, price: DEMO.prices.proMonthly, quantity: 3 }));
    expect(fixed.param).toBe('flow_data[subscription_update_confirm][items][0][quantity]');
  });

  it('books a decrease for the period end on confirm instead of applying it (no credit today)', async () => {
    const { stripe, emulator, sub, itemId, session } = await world();
    const invoicesBefore = (await stripe.invoices.list({ customer: DEMO.customers.multiSeat, limit: 100 })).data.length;
    const s = await session({ id: itemId, quantity: 2 });
    await post(emulator, `${s.url}/action`, 'action=confirm_update');
    const after = await stripe.subscriptions.retrieve(sub.id, { expand: ['schedule'] });
    expect(after.items.data[0]!.quantity).toBe(5);
    const schedule = after.schedule as Stripe.SubscriptionSchedule;
    expect(schedule.end_behavior).toBe('release');
    expect(schedule.phases.at(-1)!.items[0]!.quantity).toBe(2);
    expect(schedule.phases[0]!.end_date).toBe(sub.items.data[0]!.current_period_end);
    expect((await stripe.invoices.list({ customer: DEMO.customers.multiSeat, limit: 100 })).data.length).toBe(
      invoicesBefore,
    );
  });

  it('applies an increase at once, as before', async () => {
    const { stripe, emulator, sub, itemId, session } = await world();
    const s = await session({ id: itemId, quantity: 7 });
    await post(emulator, `${s.url}/action`, 'action=confirm_update');
    const after = await stripe.subscriptions.retrieve(sub.id);
    expect([after.items.data[0]!.quantity, after.schedule]).toEqual([7, null]);
  });
});

describe("issue 15 item 2: the hosted portal's other actions keep to the configuration and never stack an offer", () => {
  it('a retention coupon accepted twice is applied once, next to the discounts already there', async () => {
    const { stripe, emulator } = setup();
    const sub = await stripe.subscriptions.update(DEMO.subscriptions.active, {
      discounts: [{ coupon: DEMO.coupons.welcome20 }],
    });
    const session = await stripe.billingPortal.sessions.create({
      customer: DEMO.customers.active,
      return_url: 'https://app.example/billing',
      flow_data: {
        type: 'subscription_cancel',
        subscription_cancel: {
          subscription: sub.id,
          retention: { type: 'coupon_offer', coupon_offer: { coupon: DEMO.coupons.retention50 } },
        },
      },
    });
    for (let i = 0; i < 2; i++)
      await post(emulator, `${session.url}/action`, `action=accept_offer&subscription=${sub.id}`);
    const after = await stripe.subscriptions.retrieve(sub.id, { expand: ['discounts'] });
    const coupons = (after.discounts as Stripe.Discount[]).map((d) => d.source.coupon);
    expect(coupons.sort()).toEqual([DEMO.coupons.retention50, DEMO.coupons.welcome20].sort());
  });

  it("does not cancel when the configuration turns cancelling off, nor set another customer's card as default", async () => {
    const { stripe, emulator } = setup();
    const config = await stripe.billingPortal.configurations.create({
      business_profile: { headline: 'Acme' },
      features: { subscription_cancel: { enabled: false }, payment_method_update: { enabled: true } },
    });
    const session = await stripe.billingPortal.sessions.create({
      customer: DEMO.customers.active,
      configuration: config.id,
      return_url: 'https://app.example/billing',
    });
    await post(emulator, `${session.url}/action`, `action=cancel&subscription=${DEMO.subscriptions.active}`);
    const sub = await stripe.subscriptions.retrieve(DEMO.subscriptions.active);
    expect([sub.status, sub.cancel_at_period_end]).toEqual(['active', false]);
    const before = ((await stripe.customers.retrieve(DEMO.customers.active)) as Stripe.Customer).invoice_settings
      .default_payment_method;
    await post(
      emulator,
      `${session.url}/action`,
      `action=default_pm&payment_method=${DEMO.paymentMethods.multiSeatAmex}`,
    );
    expect(
      ((await stripe.customers.retrieve(DEMO.customers.active)) as Stripe.Customer).invoice_settings
        .default_payment_method,
    ).toBe(before);
  });
});
