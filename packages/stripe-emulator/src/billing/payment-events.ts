import type { Core } from '../core.js';
import type { StripeErrorBody } from '../errors.js';
import { newId } from '../ids.js';
import type { StripeObject } from '../store.js';

/**
 * The payment side of paying an invoice, as Stripe records it: a PaymentIntent for the amount
 * due, a Charge per attempt, and an InvoicePayment once paid, each announced by its own event
 * (`payment_intent.created`, `charge.succeeded|failed`, `payment_intent.succeeded|payment_failed`,
 * `invoice_payment.paid`) before the invoice's own events, in Stripe's order. Events carry
 * snapshots, so later changes to these objects never show in earlier events.
 */

/** The invoice's PaymentIntent, made (and announced) on first use; its client secret is the invoice's `confirmation_secret`. */
export function invoiceIntent(core: Core, invoice: StripeObject, make: () => StripeObject): StripeObject {
  const existing = invoice._payment_intent ? core.store.get(invoice._payment_intent) : undefined;
  if (existing) return existing;
  const pi = make();
  pi.description = `Invoice ${invoice.number ?? invoice.id}`;
  pi._invoice = invoice.id;
  core.store.put(pi);
  invoice._payment_intent = pi.id;
  core.emit('payment_intent.created', pi);
  return pi;
}

/** One attempt to charge `pm` for the intent: a Charge, and the intent's outcome events. */
export function recordCharge(
  core: Core,
  pi: StripeObject,
  pm: StripeObject,
  failure: StripeErrorBody | null,
): StripeObject {
  const card = pm.card ?? {};
  const charge: StripeObject = {
    id: newId('ch'),
    object: 'charge',
    amount: pi.amount,
    amount_captured: failure ? 0 : pi.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: failure ? null : newId('txn'),
    billing_details: pm.billing_details ?? { address: null, email: null, name: null, phone: null, tax_id: null },
    calculated_statement_descriptor: 'EMULATOR',
    captured: !failure,
    created: core.nowFor(core.store.get(pi._invoice ?? '')?.test_clock),
    currency: pi.currency,
    customer: pi.customer,
    description: pi.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: failure?.code ?? null,
    failure_message: failure?.message ?? null,
    fraud_details: {},
    livemode: false,
    metadata: {},
    on_behalf_of: null,
    outcome: failure
      ? {
          advice_code: null,
          network_advice_code: null,
          network_decline_code: null,
          network_status: 'declined_by_network',
          reason: failure.decline_code ?? null,
          risk_level: 'normal',
          seller_message: 'The bank did not return any further details with this decline.',
          type: 'issuer_declined',
        }
      : {
          advice_code: null,
          network_advice_code: null,
          network_decline_code: null,
          network_status: 'approved_by_network',
          reason: null,
          risk_level: 'normal',
          seller_message: 'Payment complete.',
          type: 'authorized',
        },
    paid: !failure,
    payment_intent: pi.id,
    payment_method: pm.id,
    payment_method_details: {
      card: {
        amount_authorized: failure ? null : pi.amount,
        authorization_code: null,
        brand: card.brand ?? null,
        checks: {
          address_line1_check: null,
          address_postal_code_check: null,
          cvc_check: card.checks?.cvc_check ?? null,
        },
        country: card.country ?? null,
        electronic_commerce_indicator: null,
        exp_month: card.exp_month ?? null,
        exp_year: card.exp_year ?? null,
        fingerprint: card.fingerprint ?? null,
        funding: card.funding ?? null,
        installments: null,
        last4: card.last4 ?? null,
        mandate: null,
        network: card.brand ?? null,
        network_transaction_id: null,
        regulated_status: null,
        three_d_secure: null,
        transaction_link_id: null,
        wallet: null,
      },
      type: 'card',
    },
    receipt_email: null,
    receipt_number: null,
    receipt_url: null,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: failure ? 'failed' : 'succeeded',
    transfer_data: null,
    transfer_group: null,
  };
  core.store.put(charge);
  pi.latest_charge = charge.id;
  pi.payment_method = failure ? null : pm.id;
  if (failure) {
    pi.status = 'requires_payment_method';
    pi.last_payment_error = { ...failure, charge: charge.id, payment_method: core.store.render(pm) };
    core.emit('charge.failed', charge);
    core.emit('payment_intent.payment_failed', pi);
  } else {
    pi.status = 'succeeded';
    pi.amount_received = pi.amount;
    pi.last_payment_error = null;
    pi.next_action = null;
    core.emit('charge.succeeded', charge);
    core.emit('payment_intent.succeeded', pi);
  }
  return charge;
}

/** The InvoicePayment of a paid invoice (Stripe's record linking it to its PaymentIntent). */
export function recordInvoicePayment(core: Core, invoice: StripeObject, paidAt: number): void {
  const pi = invoice._payment_intent ? core.store.get(invoice._payment_intent) : undefined;
  const payment: StripeObject = {
    id: newId('inpay'),
    object: 'invoice_payment',
    amount_paid: invoice.amount_paid,
    amount_requested: invoice.amount_due,
    created: paidAt,
    currency: invoice.currency,
    invoice: invoice.id,
    is_default: true,
    livemode: false,
    payment: pi
      ? { payment_intent: pi.id, type: 'payment_intent' }
      : { type: 'out_of_band_payment', out_of_band_payment: null },
    status: 'paid',
    status_transitions: { canceled_at: null, paid_at: paidAt },
  };
  core.store.put(payment);
  core.emit('invoice_payment.paid', payment);
}
