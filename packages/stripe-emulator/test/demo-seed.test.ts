import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { setup } from './helpers.js';

describe('demo seed', () => {
  it('has customers in varied states with stable ids', async () => {
    const { stripe } = setup();
    const sub = (key: keyof typeof DEMO.subscriptions) =>
      stripe.subscriptions.retrieve(DEMO.subscriptions[key], { expand: ['latest_invoice', 'customer'] });

    const active = await sub('active');
    expect(active.status).toBe('active');
    expect((active.customer as Stripe.Customer).name).toBe('Ada Lovelace');
    const adaInvoices = await stripe.invoices.list({ customer: DEMO.customers.active });
    expect(adaInvoices.data.length).toBeGreaterThanOrEqual(3);
    expect(adaInvoices.data.every((i) => i.status === 'paid' && i.amount_paid === 2900)).toBe(true);

    const trialing = await sub('trialing');
    expect(trialing.status).toBe('trialing');
    expect(trialing.trial_end! - trialing.trial_start!).toBe(14 * 86400);

    const pastDue = await sub('pastDue');
    expect(pastDue.status).toBe('past_due');
    const open = pastDue.latest_invoice as Stripe.Invoice;
    expect(open.status).toBe('open');
    expect(open.amount_remaining).toBe(900);
    const failing = await stripe.paymentMethods.retrieve(DEMO.paymentMethods.pastDueFailing);
    expect(failing.card?.last4).toBe('0341');

    const canceling = await sub('cancelAtPeriodEnd');
    expect(canceling.status).toBe('active');
    expect(canceling.cancel_at_period_end).toBe(true);
    expect(canceling.cancellation_details?.feedback).toBe('too_expensive');
    const taxIds = await stripe.customers.listTaxIds(DEMO.customers.cancelAtPeriodEnd);
    expect(taxIds.data[0]).toMatchObject({ type: 'eu_vat', value: 'DE123456789', country: 'DE' });

    const team = await sub('multiSeat');
    expect(team.items.data[0]).toMatchObject({ quantity: 5, price: { id: DEMO.prices.teamMonthly } });

    const multi = await sub('multiItem');
    expect(multi.items.data.map((i) => i.price.id)).toEqual([DEMO.prices.proMonthly, DEMO.prices.supportMonthly]);

    const promo = await stripe.promotionCodes.list({ code: 'WELCOME20' });
    expect(promo.data[0]!.id).toBe(DEMO.promotionCodes.welcome20);
  });

  it('reset() restores the seed after changes', async () => {
    const { stripe, emulator } = setup();
    await stripe.subscriptions.cancel(DEMO.subscriptions.active);
    await stripe.customers.create({ email: 'temp@example.com' });
    emulator.reset();
    expect((await stripe.subscriptions.retrieve(DEMO.subscriptions.active)).status).toBe('active');
    const all = await stripe.customers.list({ limit: 100 });
    expect(all.data.map((c) => c.id).sort()).toEqual(Object.values(DEMO.customers).sort());
  });
});
