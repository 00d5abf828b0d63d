import { createEmulator, DEMO } from '@portal/stripe-emulator';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { createCaller } from '../src/root';
import { createCatalogCache } from '../src/stripe/catalog-cache';
import { noUpdatesConfig, PRICES, subscribe } from './subscription-fixtures';
import { useApiSuite } from './suite';

const { h, f } = useApiSuite();

describe('billing.overview shows what a customer needs at a glance', () => {
  it('an active plan: next invoice, card on file, and every action the configuration allows', async () => {
    const c = await f.newCustomer({ cards: ['pm_card_visa'] });
    const sub = await subscribe(h, c.customer.id, [{ price: PRICES.proMonthly }]);
    const view = await (await c.caller()).billing.overview();
    const [s] = view.subscriptions;
    const periodEnd = new Date(sub.items.data[0]!.current_period_end * 1000).toISOString();
    expect(s?.nextInvoice).toEqual({ date: expect.any(String), amount: { amount: 2900, currency: 'usd' } });
    expect(Math.abs(Date.parse(s!.nextInvoice!.date) - Date.parse(periodEnd))).toBeLessThanOrEqual(3600_000);
    expect(view.defaultPaymentMethod).toMatchObject({ type: 'card', brand: 'visa', last4: '4242' });
    expect(s?.actions).toEqual({
      change: { allowed: true, reason: null },
      cancel: { allowed: true, reason: null },
      pause: { allowed: true, reason: null },
      resume: { allowed: false, reason: 'not_paused' },
      reactivate: { allowed: false, reason: 'not_canceling' },
      cancelScheduledChange: { allowed: false, reason: 'no_scheduled_change' },
    });
    expect(s).toMatchObject({ pastDue: null, scheduledChange: null, pauseCollection: null, discounts: [] });
  });

  it('says why plan changes are unavailable when the configuration turns them off', async () => {
    const c = await f.newCustomer({ cards: ['pm_card_visa'] });
    await subscribe(h, c.customer.id, [{ price: PRICES.proMonthly }]);
    const view = await (await c.caller({ portalConfig: noUpdatesConfig })).billing.overview();
    expect(view.subscriptions[0]?.actions?.change).toEqual({ allowed: false, reason: 'not_configured' });
  });

  it('a failed first payment: the unpaid invoice behind the "fix it" banner', async () => {
    const c = await f.newCustomer({ cards: ['pm_card_chargeCustomerFail'] });
    await subscribe(h, c.customer.id, [{ price: PRICES.teamMonthly, quantity: 2 }]);
    const [s] = (await (await c.caller()).billing.overview()).subscriptions;
    expect(s?.status).toBe('incomplete');
    expect(s?.pastDue).toMatchObject({
      invoiceId: expect.stringMatching(/^in_/),
      amountDue: { amount: 2400, currency: 'usd' },
    });
    expect(s?.actions?.change).toEqual({ allowed: false, reason: 'payment_incomplete' });
  });

  it('a pending cancellation: no next invoice, and reactivation offered', async () => {
    const c = await f.newCustomer({ cards: ['pm_card_visa'] });
    const sub = await subscribe(h, c.customer.id, [{ price: PRICES.proMonthly }]);
    await h.stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
    const [s] = (await (await c.caller()).billing.overview()).subscriptions;
    expect(s).toMatchObject({ cancelAtPeriodEnd: true, nextInvoice: null });
    expect(s?.actions?.reactivate.allowed).toBe(true);
  });

  it('a trial: its end date is the next invoice date', async () => {
    const c = await f.newCustomer({ cards: ['pm_card_visa'] });
    const trialEnd = Math.floor(Date.now() / 1000) + 14 * 86_400;
    await h.stripe.subscriptions.create({
      customer: c.customer.id,
      items: [{ price: PRICES.businessMonthly }],
      trial_end: trialEnd,
    });
    const [s] = (await (await c.caller()).billing.overview()).subscriptions;
    expect(s?.status).toBe('trialing');
    expect(s?.trialEnd).toBe(new Date(trialEnd * 1000).toISOString());
    expect(s?.nextInvoice?.amount.amount).toBe(9900);
  });

  it('discounts and credit balance', async () => {
    const c = await f.newCustomer({ cards: ['pm_card_visa'] });
    const coupon = await h.stripe.coupons.create({ percent_off: 20, duration: 'forever', name: 'Loyalty' });
    await h.stripe.subscriptions.create({
      customer: c.customer.id,
      items: [{ price: PRICES.proMonthly }],
      discounts: [{ coupon: coupon.id }],
    });
    await h.stripe.customers.update(c.customer.id, { balance: -1500 });
    const view = await (await c.caller()).billing.overview();
    expect(view.creditBalance).toEqual({ amount: 1500, currency: 'usd' });
    expect(view.subscriptions[0]?.discounts).toEqual([
      expect.objectContaining({ name: 'Loyalty', percentOff: 20, duration: 'forever', end: null }),
    ]);
    // $29 − 20%, less the $15 credit.
    expect(view.subscriptions[0]?.nextInvoice?.amount.amount).toBe(2320 - 1500);
  });

  it('a cold overview costs two sequential rounds of Stripe calls', async () => {
    const latencyMs = 400;
    const slow = createEmulator({ seed: 'demo', latencyMs });
    const stripe = new Stripe('sk_test_slow', { httpClient: slow.httpClient });
    const caller = createCaller({
      ...h.deps,
      stripe,
      catalog: createCatalogCache(stripe),
      viewer: {
        userId: 'ada',
        email: 'ada@example.com',
        name: 'Ada',
        role: 'customer',
        customerId: DEMO.customers.active,
        readOnly: false,
        impersonationId: null,
      },
    });
    const started = performance.now();
    const view = await caller.billing.overview();
    const elapsed = performance.now() - started;
    expect(view.subscriptions[0]?.nextInvoice).not.toBeNull();
    expect(elapsed).toBeGreaterThanOrEqual(2 * latencyMs - 20);
    expect(elapsed).toBeLessThan(3 * latencyMs - 50);
  });
});
