import type { Core } from '../core.js';
import { recordBalanceChange } from '../resources/customer-balance.js';
import { StripeError, cardDeclined, invalidRequest, referenceMissing } from '../errors.js';
import type { StripeObject } from '../store.js';
import { cardOf } from '../resources/payment-methods.js';
import { chargeOutcome } from './test-cards.js';
import { applyBalance, makeLine, recomputeTotals } from './invoice-builder.js';
import { newIntent } from '../resources/payment-intents.js';
import { invoiceIntent, recordCharge, recordInvoicePayment } from './payment-events.js';

/** Smart-retry schedule after a failed automatic payment (days after the previous attempt). */
const RETRY_DAYS = [3, 5, 7];

function timeFor(core: Core, invoice: StripeObject): number {
  return core.nowFor(invoice.test_clock);
}

/** Moves the customer's pending invoice items (e.g. prorations) onto a draft invoice. */
export function sweepPendingItems(core: Core, invoice: StripeObject, subscriptionId: string | null): void {
  const pending = core.store.all(
    'invoiceitem',
    (ii) =>
      ii.customer === invoice.customer &&
      ii.invoice === null &&
      (subscriptionId === null || ii.parent?.subscription_details?.subscription === subscriptionId || !ii.parent),
  );
  for (const ii of pending.reverse()) {
    ii.invoice = invoice.id;
    invoice.lines.data.push(
      makeLine(
        {
          amount: ii.amount,
          currency: ii.currency,
          description: ii.description,
          period: ii.period,
          quantity: ii.quantity,
          price: ii.pricing?.price_details?.price ? (core.store.getAny(ii.pricing.price_details.price) ?? null) : null,
          proration: ii.proration,
          subscription: ii.parent?.subscription_details?.subscription ?? null,
          subscriptionItem: ii.parent?.subscription_details?.subscription_item ?? null,
          invoiceItem: ii.id,
          discountable: ii.discountable,
        },
        invoice.id,
      ),
    );
  }
  recomputeTotals(core, invoice);
}

export function finalizeInvoice(core: Core, invoice: StripeObject): void {
  if (invoice.status !== 'draft')
    throw invalidRequest(
      `This invoice is already finalized, you can't re-finalize a non-draft invoice.`,
      undefined,
      'invoice_not_editable',
    );
  const now = timeFor(core, invoice);
  const customer = core.store.getAny(invoice.customer);
  if (customer) {
    // A number set on the draft (`number`) is kept and does not use up the customer's sequence.
    if (!invoice.number) {
      const seq = customer.next_invoice_sequence ?? 1;
      invoice.number = `${customer.invoice_prefix}-${String(seq).padStart(4, '0')}`;
      customer.next_invoice_sequence = seq + 1;
    }
    // Credit or debt on the customer is consumed by the invoice.
    const starting = customer.balance ?? 0;
    invoice.status = 'open';
    applyBalance(invoice, starting);
    invoice.effective_at = now;
    const applied = (invoice.ending_balance ?? 0) - starting;
    if (applied !== 0)
      recordBalanceChange(core, customer, {
        amount: applied,
        type: 'applied_to_invoice',
        currency: invoice.currency,
        invoice: invoice.id,
      });
  } else {
    invoice.status = 'open';
    applyBalance(invoice, 0);
  }
  invoice.status_transitions.finalized_at = now;
  invoice.effective_at = now;
  invoice.hosted_invoice_url = `${core.baseUrl}/_hosted/invoices/${invoice.id}`;
  invoice.invoice_pdf = `${core.baseUrl}/_hosted/invoices/${invoice.id}/pdf`;
  if (invoice.collection_method === 'send_invoice' && invoice.due_date === null) invoice.due_date = now + 30 * 86400;
  core.emit('invoice.finalized', invoice);
  if (invoice.amount_due === 0) markPaid(core, invoice, null);
}

export function markPaid(core: Core, invoice: StripeObject, paymentMethod: string | null): void {
  const now = timeFor(core, invoice);
  invoice.amount_paid = invoice.amount_due;
  invoice.amount_remaining = 0;
  invoice.status = 'paid';
  invoice.status_transitions.paid_at = now;
  invoice.next_payment_attempt = null;
  if (invoice.amount_due > 0) {
    invoice.attempted = true;
    invoice.attempt_count += 1;
  }
  if (paymentMethod) invoice._paid_with = paymentMethod;
  if (invoice.amount_paid > 0) recordInvoicePayment(core, invoice, now);
  core.emit('invoice.paid', invoice);
  core.emit('invoice.payment_succeeded', invoice);
  core.internal.emit('invoice.paid', invoice);
}

/** The payment method an automatic charge would use, most specific first. */
export function paymentMethodFor(core: Core, invoice: StripeObject): string | null {
  if (invoice.default_payment_method) return invoice.default_payment_method;
  const subId = invoice.parent?.subscription_details?.subscription;
  const sub = subId ? core.store.getAny(subId) : undefined;
  if (sub?.default_payment_method) return sub.default_payment_method;
  const customer = core.store.getAny(invoice.customer);
  return customer?.invoice_settings?.default_payment_method ?? null;
}

export interface PaymentResult {
  ok: boolean;
  error?: StripeError;
  requiresAction?: boolean;
}

/**
 * Charges an open invoice with a test card, honouring the card's behaviour. A failure leaves
 * the invoice open with the attempt recorded and schedules the next automatic retry.
 */
export function attemptPayment(
  core: Core,
  invoice: StripeObject,
  opts: { paymentMethod?: string; offSession: boolean; automatic: boolean },
): PaymentResult {
  if (invoice.status === 'paid') return { ok: true };
  if (invoice.status !== 'open') throw invalidRequest(`Invoice is ${invoice.status}; only open invoices can be paid.`);
  if (invoice.amount_due === 0) {
    markPaid(core, invoice, null);
    return { ok: true };
  }
  const now = timeFor(core, invoice);
  const pmId = opts.paymentMethod ?? paymentMethodFor(core, invoice);
  const fail = (error: StripeError, requiresAction = false): PaymentResult => {
    invoice.attempted = true;
    invoice.attempt_count += 1;
    const retry = RETRY_DAYS[invoice.attempt_count - 1];
    invoice.next_payment_attempt =
      opts.automatic && invoice.collection_method === 'charge_automatically' && retry !== undefined
        ? now + retry * 86400
        : null;
    invoice._last_payment_error = error.body;
    core.emit('invoice.payment_failed', invoice);
    if (requiresAction) core.emit('invoice.payment_action_required', invoice);
    return { ok: false, error, requiresAction };
  };
  if (!pmId) {
    return fail(
      new StripeError(402, {
        type: 'invalid_request_error',
        code: 'invoice_no_payment_method_types' as string,
        message:
          'This customer has no attached payment source or default payment method. Please consider adding a default payment method.',
      }),
    );
  }
  const pm = core.store.get(pmId);
  if (!pm || pm.object !== 'payment_method') throw referenceMissing('payment_method', pmId, 'payment_method');
  const card = cardOf(pm);
  const outcome = card ? chargeOutcome(card, opts.offSession) : null;
  // Every attempt goes through the invoice's PaymentIntent, as on Stripe (see payment-events.ts).
  const pi = invoiceIntent(core, invoice, () =>
    newIntent(core, invoice.amount_remaining, invoice.currency, invoice.customer, now),
  );
  if (card?.behaviour === 'auth_always' && !opts.offSession) {
    Object.assign(pi, { status: 'requires_action', payment_method: pm.id });
    core.emit('payment_intent.requires_action', pi);
    return fail(
      cardDeclined('authentication_required', 'This payment requires authentication.', {
        payment_method: core.store.render(pm),
      }),
      true,
    );
  }
  if (outcome) {
    const error = cardDeclined(outcome.declineCode, outcome.message, { payment_method: core.store.render(pm) });
    recordCharge(core, pi, pm, error.body);
    return fail(error);
  }
  recordCharge(core, pi, pm, null);
  markPaid(core, invoice, pm.id);
  return { ok: true };
}

export function voidInvoice(core: Core, invoice: StripeObject): void {
  if (invoice.status !== 'open' && invoice.status !== 'uncollectible')
    throw invalidRequest(`You can only void an open or uncollectible invoice; this invoice is ${invoice.status}.`);
  invoice.status = 'void';
  invoice.status_transitions.voided_at = timeFor(core, invoice);
  invoice.next_payment_attempt = null;
  invoice.amount_remaining = 0;
  core.emit('invoice.voided', invoice);
}

export function markUncollectible(core: Core, invoice: StripeObject): void {
  if (invoice.status !== 'open') throw invalidRequest(`You can only mark an open invoice as uncollectible.`);
  invoice.status = 'uncollectible';
  invoice.status_transitions.marked_uncollectible_at = timeFor(core, invoice);
  invoice.next_payment_attempt = null;
  core.emit('invoice.marked_uncollectible', invoice);
}
