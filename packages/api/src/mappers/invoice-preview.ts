import type { Money, PreviewLine } from '@portal/contract';
import type Stripe from 'stripe';
import { isoOf } from './time';

/** The product a Stripe invoice line bills, when it bills a price. */
export const lineProductId = (line: Stripe.InvoiceLineItem): string | null => {
  const product = line.pricing?.price_details?.product;
  return typeof product === 'string' ? product : null;
};

/**
 * Stripe marks proration lines on their parent; a negative one is credit for unused time. The
 * line goes out as data (product name, quantity, period) for the client to word; Stripe's English
 * description rides along for lines the data does not explain.
 */
export function toPreviewLine(line: Stripe.InvoiceLineItem, productNames: ReadonlyMap<string, string>): PreviewLine {
  const details = line.parent?.subscription_item_details;
  const kind = details?.proration ? (line.amount < 0 ? 'credit' : 'charge') : details ? 'recurring' : 'other';
  const productId = lineProductId(line);
  return {
    description: line.description ?? null,
    amount: { amount: line.amount, currency: line.currency },
    kind,
    productName: productId ? (productNames.get(productId) ?? null) : null,
    quantity: line.quantity ?? null,
    periodStart: line.period ? isoOf(line.period.start) : null,
    periodEnd: line.period ? isoOf(line.period.end) : null,
  };
}

export function sumOf(lines: PreviewLine[], kind: PreviewLine['kind'], currency: string): Money {
  return { amount: lines.filter((l) => l.kind === kind).reduce((sum, l) => sum + l.amount.amount, 0), currency };
}

export function discountOf(invoice: Stripe.Invoice): Money {
  return {
    amount: (invoice.total_discount_amounts ?? []).reduce((sum, d) => sum + d.amount, 0),
    currency: invoice.currency,
  };
}

export function taxOf(invoice: Stripe.Invoice): Money {
  return { amount: (invoice.total_taxes ?? []).reduce((sum, t) => sum + t.amount, 0), currency: invoice.currency };
}
