import type { Money, PreviewLine } from '@portal/contract';
import type Stripe from 'stripe';

/** Stripe marks proration lines on their parent; a negative one is credit for unused time. */
export function toPreviewLine(line: Stripe.InvoiceLineItem): PreviewLine {
  const details = line.parent?.subscription_item_details;
  const kind = details?.proration ? (line.amount < 0 ? 'credit' : 'charge') : details ? 'recurring' : 'other';
  return { description: line.description ?? '', amount: { amount: line.amount, currency: line.currency }, kind };
}

export function sumOf(lines: PreviewLine[], kind: PreviewLine['kind'], currency: string): Money {
  return { amount: lines.filter((l) => l.kind === kind).reduce((sum, l) => sum + l.amount.amount, 0), currency };
}

export function discountOf(invoice: Stripe.Invoice): Money {
  return { amount: (invoice.total_discount_amounts ?? []).reduce((sum, d) => sum + d.amount, 0), currency: invoice.currency };
}

export function taxOf(invoice: Stripe.Invoice): Money {
  return { amount: (invoice.total_taxes ?? []).reduce((sum, t) => sum + t.amount, 0), currency: invoice.currency };
}
