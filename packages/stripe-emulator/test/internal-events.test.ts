import { describe, expect, it } from 'vitest';
import { createEmulator, DEMO } from '../src/index.js';
import { customerWithCard, fakeClock, setup } from './helpers.js';

// Issue #18: the emulator's modules react to each other through subscriptions on their own core,
// made when the emulator is created, not through hooks set when a module is imported.
describe('reactions between modules are subscriptions on each core', () => {
  it('each emulator has its own subscribers and scheduled work; creating more adds none to the others', () => {
    const first = createEmulator({ seed: 'none' });
    const sources = first.core.timeSources.length;
    expect(sources).toBeGreaterThan(0);
    createEmulator({ seed: 'none' });
    createEmulator({ seed: 'none' });
    expect(first.core.timeSources.length).toBe(sources);

    const seen: string[] = [];
    first.core.internal.on('customer.deleting', (c) => seen.push(c.id));
    const other = createEmulator({ seed: 'demo' });
    other.core.call('DELETE', `/v1/customers/${DEMO.customers.multiSeat}`);
    expect(seen).toEqual([]);
  });

  it('suspending request.received holds back the work due by now until resumed (benchmarks)', async () => {
    const clock = fakeClock();
    const { stripe, emulator } = setup({ now: clock.now });
    const invoices = async () =>
      (await stripe.invoices.list({ subscription: DEMO.subscriptions.active, limit: 100 })).data.length;
    const before = await invoices();
    clock.advance(40 * 86400);
    const resume = emulator.core.internal.suspend('request.received');
    expect(await invoices()).toBe(before);
    resume();
    expect(await invoices()).toBeGreaterThan(before);
  });

  it('deleting a customer cancels its subscriptions at once (subscriber of customer.deleting)', async () => {
    const { stripe } = setup();
    await stripe.customers.del(DEMO.customers.multiSeat);
    const sub = await stripe.subscriptions.retrieve(DEMO.subscriptions.multiSeat);
    expect(sub.status).toBe('canceled');
    expect(sub.cancellation_details?.reason).toBe('cancellation_requested');
  });

  it('paying the open invoice applies a pending update and ends past_due (subscriber of invoice.paid)', async () => {
    const { stripe } = setup();
    const pastDue = await stripe.invoices.list({ customer: DEMO.customers.pastDue, status: 'open' });
    await stripe.paymentMethods.attach('pm_card_visa', { customer: DEMO.customers.pastDue });
    const card = (await stripe.customers.listPaymentMethods(DEMO.customers.pastDue)).data.find(
      (pm) => pm.card?.last4 === '4242',
    )!;
    await stripe.invoices.pay(pastDue.data[0]!.id, { payment_method: card.id });
    expect((await stripe.subscriptions.retrieve(DEMO.subscriptions.pastDue)).status).toBe('active');

    const { customer } = await customerWithCard(stripe, 'pm_card_visa');
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: DEMO.prices.starterMonthly }],
    });
    await stripe.customers.update(customer.id, {
      invoice_settings: {
        default_payment_method: (
          await stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: customer.id })
        ).id,
      },
    });
    const pending = await stripe.subscriptions.update(sub.id, {
      items: [{ id: sub.items.data[0]!.id, price: DEMO.prices.proMonthly }],
      payment_behavior: 'pending_if_incomplete',
      proration_behavior: 'always_invoice',
    });
    expect(pending.pending_update).not.toBeNull();
    await stripe.invoices.pay(pending.latest_invoice as string, {
      payment_method: (await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id })).id,
    });
    const applied = await stripe.subscriptions.retrieve(sub.id);
    expect([applied.pending_update, applied.items.data[0]!.price.id]).toEqual([null, DEMO.prices.proMonthly]);
  });
});
