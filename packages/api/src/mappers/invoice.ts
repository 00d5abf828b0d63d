import { InvoiceStatus, type InvoiceView } from '@portal/contract';
import type Stripe from 'stripe';
import { idOf } from '../stripe/ids';

const iso = (unix: number | null | undefined) => (unix ? new Date(unix * 1000).toISOString() : null);

export function toInvoiceView(invoice: Stripe.Invoice, now: Date): InvoiceView {
  const money = (amount: number) => ({ amount, currency: invoice.currency });
  // A draft never reaches the mapper (filtered out); an unknown future status reads as open.
  const status = InvoiceStatus.catch('open').parse(invoice.status);
  const overdue = invoice.due_date !== null && invoice.due_date * 1000 < now.getTime();
  const sub = invoice.parent?.subscription_details?.subscription ?? null;
  return {
    id: invoice.id ?? '',
    number: invoice.number,
    status,
    createdAt: iso(invoice.created) ?? new Date(0).toISOString(),
    dueDate: iso(invoice.due_date),
    total: money(invoice.total),
    amountDue: money(invoice.amount_due),
    amountRemaining: money(invoice.amount_remaining),
    pastDue: status === 'open' && (invoice.attempt_count > 0 || overdue),
    invoicePdf: invoice.invoice_pdf ?? null,
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
    subscriptionId: idOf(sub),
  };
}
