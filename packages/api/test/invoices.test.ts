import { DEMO } from '@portal/stripe-emulator';
import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { testPortalConfig } from './harness';
import { codeOf, errorOf, key, reasonOf } from './fixtures';
import { useApiSuite } from './suite';

const { h, f } = useApiSuite();

const noHistory = {
  ...testPortalConfig,
  default: {
    ...testPortalConfig.default,
    features: { ...testPortalConfig.default.features, invoice_history: { enabled: false } },
  },
};

/** An open invoice sent for manual payment (what a past-due customer is asked to pay). */
async function openInvoice(customerId: string, amount = 5000) {
  await h.stripe.invoiceItems.create({ customer: customerId, amount, currency: 'usd', description: 'Consulting' });
  const draft = await h.stripe.invoices.create({
    customer: customerId,
    collection_method: 'send_invoice',
    days_until_due: 14,
    pending_invoice_items_behavior: 'include',
  });
  return h.stripe.invoices.finalizeInvoice(draft.id!);
}

describe('billing.invoices.list', () => {
  it('lists number, date, amount, status and links, newest first, and pages with a cursor', async () => {
    const { caller, customer } = await f.newCustomer({ cards: ['pm_card_visa'] });
    const first = await openInvoice(customer.id, 1000);
    const second = await openInvoice(customer.id, 2000);
    const third = await openInvoice(customer.id, 3000);
    const c = await caller();
    const page1 = await c.billing.invoices.list({ limit: 2 });
    expect(page1.invoices.map((i) => i.id)).toEqual([third.id, second.id]);
    expect(page1.invoices[0]).toMatchObject({
      number: third.number,
      status: 'open',
      total: { amount: 3000, currency: 'usd' },
      amountDue: { amount: 3000, currency: 'usd' },
      hostedInvoiceUrl: third.hosted_invoice_url,
      invoicePdf: third.invoice_pdf,
    });
    expect(Date.parse(page1.invoices[0]!.createdAt)).toBe(third.created * 1000);
    expect(page1.nextCursor).toBe(second.id);
    const page2 = await c.billing.invoices.list({ limit: 2, cursor: page1.nextCursor! });
    expect(page2.invoices.map((i) => i.id)).toEqual([first.id]);
    expect(page2.nextCursor).toBeNull();
  });

  it('filters by status and never shows drafts', async () => {
    const { caller, customer } = await f.newCustomer({ cards: ['pm_card_visa'] });
    const open = await openInvoice(customer.id);
    const paid = await openInvoice(customer.id);
    await h.stripe.invoices.pay(paid.id!, { paid_out_of_band: true });
    await h.stripe.invoiceItems.create({ customer: customer.id, amount: 700, currency: 'usd' });
    await h.stripe.invoices.create({
      customer: customer.id,
      collection_method: 'send_invoice',
      days_until_due: 3,
      pending_invoice_items_behavior: 'include',
    });
    const c = await caller();
    expect((await c.billing.invoices.list({ status: 'paid' })).invoices.map((i) => i.id)).toEqual([paid.id]);
    expect((await c.billing.invoices.list({ status: 'open' })).invoices.map((i) => i.id)).toEqual([open.id]);
    expect((await c.billing.invoices.list({})).invoices.map((i) => i.status).sort()).toEqual(['open', 'paid']);
  });

  it("refuses another customer's invoice as a cursor (NOT_FOUND)", async () => {
    const other = await f.newCustomer();
    const foreign = await openInvoice(other.customer.id);
    const { caller } = await f.newCustomer();
    expect(await codeOf((await caller()).billing.invoices.list({ cursor: foreign.id! }))).toBe('NOT_FOUND');
  });

  it('is FORBIDDEN with FEATURE_DISABLED when invoice history is off, and UNAUTHORIZED anonymously', async () => {
    const { caller } = await f.newCustomer();
    const error = await errorOf((await caller({ portalConfig: noHistory })).billing.invoices.list({}));
    expect([error.code, reasonOf(error)]).toEqual(['FORBIDDEN', 'FEATURE_DISABLED']);
    expect(await codeOf((await f.callerAs(null)).billing.invoices.list({}))).toBe('UNAUTHORIZED');
  });
});

describe('billing.invoices.pay', () => {
  it('pays an open invoice with the chosen card', async () => {
    const { caller, customer, cards } = await f.newCustomer({ cards: ['pm_card_visa', 'pm_card_mastercard'] });
    const invoice = await openInvoice(customer.id, 4200);
    const out = await (
      await caller()
    ).billing.invoices.pay({ ...key(), invoiceId: invoice.id!, paymentMethodId: cards[1]!.id });
    expect(out.status).toBe('paid');
    expect(out.invoice).toMatchObject({
      id: invoice.id,
      status: 'paid',
      amountRemaining: { amount: 0, currency: 'usd' },
    });
    expect((await h.stripe.invoices.retrieve(invoice.id!)).status).toBe('paid');
  });

  it('with "use this card for future payments", the paying card becomes the default for the customer and the subscription', async () => {
    // A subscription whose own card is the one that fails: its invoice is left open.
    const { caller, customer, cards } = await f.newCustomer({ cards: ['pm_card_chargeCustomerFail', 'pm_card_visa'] });
    const sub = await h.stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: DEMO.prices.proMonthly }],
      default_payment_method: cards[0]!.id,
      payment_behavior: 'allow_incomplete',
    });
    const invoiceId = sub.latest_invoice as string;
    expect((await h.stripe.invoices.retrieve(invoiceId)).status).toBe('open');

    const out = await (
      await caller()
    ).billing.invoices.pay({ ...key(), invoiceId, paymentMethodId: cards[1]!.id, useForFuturePayments: true });
    expect(out.status).toBe('paid');
    const after = (await h.stripe.customers.retrieve(customer.id)) as Stripe.Customer;
    expect(after.invoice_settings.default_payment_method).toBe(cards[1]!.id);
    expect((await h.stripe.subscriptions.retrieve(sub.id)).default_payment_method).toBe(cards[1]!.id);
  });

  it('without it, the defaults stay as they were', async () => {
    const { caller, customer, cards } = await f.newCustomer({ cards: ['pm_card_visa', 'pm_card_mastercard'] });
    const before = ((await h.stripe.customers.retrieve(customer.id)) as Stripe.Customer).invoice_settings
      .default_payment_method;
    const invoice = await openInvoice(customer.id, 1500);
    await (await caller()).billing.invoices.pay({ ...key(), invoiceId: invoice.id!, paymentMethodId: cards[1]!.id });
    expect(
      ((await h.stripe.customers.retrieve(customer.id)) as Stripe.Customer).invoice_settings.default_payment_method,
    ).toBe(before);
  });

  it('keeps the decline code when the card is declined, and the invoice stays open', async () => {
    const { caller, customer, cards } = await f.newCustomer({ cards: ['pm_card_chargeCustomerFail'] });
    const invoice = await openInvoice(customer.id);
    const error = await errorOf(
      (await caller()).billing.invoices.pay({ ...key(), invoiceId: invoice.id!, paymentMethodId: cards[0]!.id }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.cause).toMatchObject({ reason: 'CARD_DECLINED' });
    expect(error.cause?.declineCode).toEqual(expect.stringMatching(/\w+/));
    expect((await h.stripe.invoices.retrieve(invoice.id!)).status).toBe('open');
  });

  it('returns a client secret when the bank asks for 3-D Secure', async () => {
    const { caller, customer, cards } = await f.newCustomer({ cards: ['pm_card_authenticationRequired'] });
    const invoice = await openInvoice(customer.id);
    const out = await (
      await caller()
    ).billing.invoices.pay({ ...key(), invoiceId: invoice.id!, paymentMethodId: cards[0]!.id });
    expect(out.status).toBe('requires_action');
    if (out.status !== 'requires_action') return;
    expect(out.clientSecret).toMatch(/_secret_/);
    expect(out.invoice.status).toBe('open');
  });

  it("answers NOT_FOUND for another customer's invoice or card, exactly like missing ones", async () => {
    const other = await f.newCustomer({ cards: ['pm_card_visa'] });
    const foreignInvoice = await openInvoice(other.customer.id);
    const { caller, customer, cards } = await f.newCustomer({ cards: ['pm_card_visa'] });
    const mine = await openInvoice(customer.id);
    const c = await caller();
    const foreign = await errorOf(
      c.billing.invoices.pay({ ...key(), invoiceId: foreignInvoice.id!, paymentMethodId: cards[0]!.id }),
    );
    const missing = await errorOf(
      c.billing.invoices.pay({ ...key(), invoiceId: 'in_doesnotexist123', paymentMethodId: cards[0]!.id }),
    );
    expect([foreign.code, foreign.message]).toEqual(['NOT_FOUND', missing.message]);
    expect(
      await codeOf(c.billing.invoices.pay({ ...key(), invoiceId: mine.id!, paymentMethodId: other.cards[0]!.id })),
    ).toBe('NOT_FOUND');
    expect((await h.stripe.invoices.retrieve(foreignInvoice.id!)).status).toBe('open');
    expect((await h.stripe.invoices.retrieve(mine.id!)).status).toBe('open');
  });

  it('refuses a paid invoice with INVOICE_ALREADY_PAID (issue 15 item 4)', async () => {
    const { caller, customer, cards } = await f.newCustomer({ cards: ['pm_card_visa'] });
    const invoice = await openInvoice(customer.id);
    await h.stripe.invoices.pay(invoice.id!, { paid_out_of_band: true });
    const error = await errorOf(
      (await caller()).billing.invoices.pay({ ...key(), invoiceId: invoice.id!, paymentMethodId: cards[0]!.id }),
    );
    expect([error.code, reasonOf(error)]).toEqual(['CONFLICT', 'INVOICE_ALREADY_PAID']);
  });

  it('is FORBIDDEN for a read-only view and nothing is charged', async () => {
    const { customer, cards } = await f.newCustomer({ cards: ['pm_card_visa'] });
    const invoice = await openInvoice(customer.id);
    const { caller } = await (await f.supportAgent()).viewAs(customer.id);
    expect(
      await codeOf(caller.billing.invoices.pay({ ...key(), invoiceId: invoice.id!, paymentMethodId: cards[0]!.id })),
    ).toBe('FORBIDDEN');
    expect((await h.stripe.invoices.retrieve(invoice.id!)).status).toBe('open');
  });

  it('answers a retry of the same click with the same success instead of an error', async () => {
    const { caller, customer, cards } = await f.newCustomer({ cards: ['pm_card_visa'] });
    const invoice = await openInvoice(customer.id);
    const c = await caller();
    const input = { ...key(), invoiceId: invoice.id!, paymentMethodId: cards[0]!.id };
    const first = await c.billing.invoices.pay(input);
    const retry = await c.billing.invoices.pay(input);
    expect(retry).toEqual(first);
    // A new attempt (new key) on the paid invoice is refused rather than charged again.
    const error = await errorOf(c.billing.invoices.pay({ ...input, ...key() }));
    expect(reasonOf(error)).toBe('INVOICE_ALREADY_PAID');
  });
});
