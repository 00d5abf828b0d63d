import { describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { customerWithCard, setup, stripeError } from './helpers.js';

// `/v1/invoice_payments`: one per payment that paid an invoice, shaped as the SDK's InvoicePayment.
describe('invoice payments', () => {
  it('records the payment of a subscription invoice and lists it by invoice', async () => {
    const { stripe } = setup({ seed: 'demo' });
    const { customer } = await customerWithCard(stripe);
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: DEMO.prices.proMonthly }],
    });
    const invoiceId = sub.latest_invoice as string;
    const payments = await stripe.invoicePayments.list({ invoice: invoiceId });
    expect(payments.data).toHaveLength(1);
    const payment = payments.data[0]!;
    expect(payment).toMatchObject({
      object: 'invoice_payment',
      invoice: invoiceId,
      status: 'paid',
      amount_paid: 2900,
      amount_requested: 2900,
      currency: 'usd',
      is_default: true,
    });
    expect(payment.payment.type).toBe('payment_intent');
    const pi = await stripe.paymentIntents.retrieve(payment.payment.payment_intent as string);
    expect(pi).toMatchObject({ status: 'succeeded', amount_received: 2900, customer: customer.id });
    expect((await stripe.invoicePayments.retrieve(payment.id)).id).toBe(payment.id);
    const expanded = await stripe.invoices.retrieve(invoiceId, { expand: ['payments'] });
    expect(expanded.payments?.data.map((p) => p.id)).toEqual([payment.id]);
    const events = (await stripe.events.list({ type: 'invoice_payment.paid' })).data;
    expect(events.map((e) => (e.data.object as { id: string }).id)).toContain(payment.id);
  });

  it('has none for an invoice that failed to charge, and answers Stripe errors', async () => {
    const { stripe } = setup({ seed: 'demo' });
    const open = (await stripe.invoices.list({ customer: DEMO.customers.pastDue, status: 'open' })).data[0]!;
    expect((await stripe.invoicePayments.list({ invoice: open.id! })).data).toHaveLength(0);
    const missing = await stripeError(() => stripe.invoicePayments.retrieve('inpay_nope'));
    expect(missing).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      message: "No such invoice payment: 'inpay_nope'",
    });
    const badInvoice = await stripeError(() => stripe.invoicePayments.list({ invoice: 'in_nope' }));
    expect(badInvoice).toMatchObject({ statusCode: 400, code: 'resource_missing', param: 'invoice' });
  });
});
