import { DEMO } from '@portal/stripe-emulator';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { customer } from './harness';
import { useApiSuite } from './suite';

const { h } = useApiSuite();

async function codeOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return (error as TRPCError).code;
}

describe('billing.overview', () => {
  it('is UNAUTHORIZED for an anonymous caller', async () => {
    const caller = await h.callerFor(null);
    expect(await codeOf(caller.billing.overview())).toBe('UNAUTHORIZED');
  });

  it('is NOT_FOUND for a user without a billing customer', async () => {
    const caller = await h.callerFor(customer('nobody'));
    expect(await codeOf(caller.billing.overview())).toBe('NOT_FOUND');
  });

  it("maps the linked customer's subscription into a plan view", async () => {
    const caller = await h.callerFor(customer('ada'), DEMO.customers.active);
    const view = await caller.billing.overview();
    expect(view.customer).toEqual({ id: DEMO.customers.active, name: 'Ada Lovelace', email: 'ada@example.com' });
    const [sub] = view.subscriptions;
    expect(sub?.status).toBe('active');
    const price = await h.stripe.prices.retrieve(sub!.items[0]!.priceId);
    expect(sub?.items[0]).toMatchObject({
      productName: 'Pro',
      unitAmount: { amount: price.unit_amount, currency: price.currency },
      interval: 'month',
      intervalCount: 1,
      quantity: 1,
    });
  });

  it('reflects a change made in Stripe on the next read', async () => {
    const created = await h.stripe.customers.create({ name: 'Grace Hopper', email: 'grace@example.com' });
    const caller = await h.callerFor(customer('grace'), created.id);
    expect((await caller.billing.overview()).subscriptions).toEqual([]);
    const card = await h.stripe.paymentMethods.attach('pm_card_visa', { customer: created.id });
    await h.stripe.customers.update(created.id, { invoice_settings: { default_payment_method: card.id } });
    const prices = await h.stripe.prices.list({ limit: 100 });
    // A seat price: metered prices (the usage-based demo plans) take no quantity.
    const monthly = prices.data.find(
      (p) => p.recurring?.interval === 'month' && p.recurring.usage_type === 'licensed' && p.unit_amount,
    );
    await h.stripe.subscriptions.create({ customer: created.id, items: [{ price: monthly!.id, quantity: 3 }] });
    const view = await caller.billing.overview();
    expect(view.subscriptions).toHaveLength(1);
    expect(view.subscriptions[0]?.items[0]?.quantity).toBe(3);
  });
});
