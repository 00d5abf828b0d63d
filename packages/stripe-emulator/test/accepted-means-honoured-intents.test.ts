import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { setup, stripeError } from './helpers.js';

// Issue #17: a parameter the emulator accepts is honoured; one it cannot honour is refused with
// `emulator_unsupported_parameter` (found by reading the SDK's *CreateParams of the areas touched).
describe('accepted means honoured', () => {
  it('PaymentIntents: stores statement descriptors, refuses manual capture and unemulated blocks', async () => {
    const { stripe } = setup({ seed: 'none' });
    const pi = await stripe.paymentIntents.create({
      amount: 1000,
      currency: 'usd',
      statement_descriptor_suffix: 'ORDER 7',
      transfer_group: 'g1',
      capture_method: 'automatic',
    });
    expect(pi).toMatchObject({
      statement_descriptor_suffix: 'ORDER 7',
      transfer_group: 'g1',
      capture_method: 'automatic',
    });
    for (const [params, param] of [
      [{ capture_method: 'manual' as const }, 'capture_method'],
      [{ hooks: { inputs: { tax: { calculation: 'taxcalc_1' } } } }, 'hooks'],
      [{ payment_method_options: { card: { request_three_d_secure: 'any' as const } } }, 'payment_method_options'],
    ] as const) {
      const err = await stripeError(() => stripe.paymentIntents.create({ amount: 1000, currency: 'usd', ...params }));
      expect([err.statusCode, err.code, err.param]).toEqual([400, 'emulator_unsupported_parameter', param]);
    }
    expect((await stripe.paymentIntents.list()).data).toHaveLength(1);
  });

  it('webhook endpoints refuse connect=true; portal sessions refuse on_behalf_of', async () => {
    const { stripe } = setup({ seed: 'demo' });
    const connect = await stripeError(() =>
      stripe.webhookEndpoints.create({ url: 'https://example.com/h', enabled_events: ['*'], connect: true }),
    );
    expect([connect.code, connect.param]).toEqual(['emulator_unsupported_parameter', 'connect']);
    const obo = await stripeError(() =>
      stripe.billingPortal.sessions.create({ customer: DEMO.customers.active, on_behalf_of: 'acct_1' }),
    );
    expect([obo.code, obo.param]).toEqual(['emulator_unsupported_parameter', 'on_behalf_of']);
  });

  it('subscription schedule lists honour scheduled and the date filters', async () => {
    const { stripe } = setup({ seed: 'demo' });
    const future = Math.floor(Date.now() / 1000) + 10 * 86400;
    const pending = await stripe.subscriptionSchedules.create({
      customer: DEMO.customers.active,
      start_date: future,
      phases: [{ items: [{ price: DEMO.prices.proMonthly }] }],
    });
    const running = await stripe.subscriptionSchedules.create({ from_subscription: DEMO.subscriptions.multiSeat });
    expect((await stripe.subscriptionSchedules.list({ scheduled: true })).data.map((s) => s.id)).toEqual([pending.id]);
    expect((await stripe.subscriptionSchedules.list({ scheduled: false })).data.map((s) => s.id)).toEqual([running.id]);
    await stripe.subscriptionSchedules.release(running.id);
    expect((await stripe.subscriptionSchedules.list({ released_at: { gte: 1 } })).data.map((s) => s.id)).toEqual([
      running.id,
    ]);
  });

  it('invoice previews refuse tax, one-off items and recurring mode instead of ignoring them', async () => {
    const { stripe } = setup({ seed: 'demo' });
    const cases: Array<[Stripe.InvoiceCreatePreviewParams, string]> = [
      [{ automatic_tax: { enabled: true } }, 'automatic_tax'],
      [{ invoice_items: [{ amount: 500, currency: 'usd' }] }, 'invoice_items'],
      [{ preview_mode: 'recurring' }, 'preview_mode'],
      [{ subscription_details: { default_tax_rates: ['txr_1'] } }, 'subscription_details[default_tax_rates]'],
    ];
    for (const [params, param] of cases) {
      const err = await stripeError(() =>
        stripe.invoices.createPreview({ subscription: DEMO.subscriptions.active, ...params }),
      );
      expect([err.statusCode, err.code, err.param]).toEqual([400, 'emulator_unsupported_parameter', param]);
    }
  });
});
