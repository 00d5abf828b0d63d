import type { Core } from '../core.js';
import { newId } from '../ids.js';
import type { StripeObject } from '../store.js';
import { discountAmount } from './discounts.js';

export interface LineInput {
  amount: number;
  currency: string;
  description: string;
  period: { start: number; end: number };
  quantity: number | null;
  price: StripeObject | null;
  proration: boolean;
  subscription: string | null;
  subscriptionItem: string | null;
  invoiceItem: string | null;
  metadata?: Record<string, string>;
  discountable?: boolean;
}

export function makeLine(input: LineInput, invoiceId: string | null): StripeObject {
  const price = input.price;
  const bySubscriptionItem = input.subscriptionItem !== null;
  return {
    id: newId('il'),
    object: 'line_item',
    amount: input.amount,
    currency: input.currency,
    description: input.description,
    discount_amounts: [],
    discountable: input.discountable ?? true,
    discounts: [],
    invoice: invoiceId,
    livemode: false,
    metadata: input.metadata ?? {},
    parent: bySubscriptionItem
      ? {
          invoice_item_details: null,
          subscription_item_details: {
            invoice_item: input.invoiceItem,
            proration: input.proration,
            proration_details: { credited_items: null },
            subscription: input.subscription,
            subscription_item: input.subscriptionItem,
          },
          type: 'subscription_item_details',
        }
      : {
          invoice_item_details: {
            invoice_item: input.invoiceItem ?? '',
            proration: input.proration,
            proration_details: { credited_items: null },
            subscription: input.subscription,
          },
          subscription_item_details: null,
          type: 'invoice_item_details',
        },
    period: input.period,
    pretax_credit_amounts: [],
    pricing: price
      ? {
          price_details: { price: price.id, product: price.product },
          type: 'price_details',
          unit_amount_decimal: price.unit_amount_decimal ?? null,
        }
      : null,
    quantity: input.quantity,
    quantity_decimal: input.quantity === null ? null : String(input.quantity),
    subscription: input.subscription,
    subtotal: input.amount,
    taxes: [],
  };
}

export interface InvoiceOptions {
  customer: StripeObject;
  subscription: StripeObject | null;
  billingReason: string;
  periodStart: number;
  periodEnd: number;
  lines: LineInput[];
  discounts: string[];
  created: number;
  idPrefix?: string;
}

export function newInvoice(core: Core, o: InvoiceOptions): StripeObject {
  const id = newId(o.idPrefix ?? 'in');
  const c = o.customer;
  const sub = o.subscription;
  const currency = o.lines[0]?.currency ?? sub?.currency ?? c.currency ?? 'usd';
  const invoice: StripeObject = {
    id,
    object: 'invoice',
    account_country: 'US',
    account_name: core.accountName,
    account_tax_ids: null,
    amount_due: 0,
    amount_overpaid: 0,
    amount_paid: 0,
    amount_remaining: 0,
    amount_shipping: 0,
    application: null,
    attempt_count: 0,
    attempted: false,
    auto_advance: true,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: o.billingReason,
    collection_method: sub?.collection_method ?? 'charge_automatically',
    created: o.created,
    currency,
    custom_fields: c.invoice_settings?.custom_fields ?? null,
    customer: c.id,
    customer_account: null,
    customer_address: c.address ?? null,
    customer_email: c.email ?? null,
    customer_name: c.name ?? null,
    customer_phone: c.phone ?? null,
    customer_shipping: c.shipping ?? null,
    customer_tax_exempt: c.tax_exempt ?? 'none',
    customer_tax_ids: core.store
      .all('tax_id', (t) => t.customer === c.id)
      .reverse()
      .map((t) => ({ type: t.type, value: t.value })),
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [...o.discounts],
    due_date: null,
    effective_at: null,
    ending_balance: null,
    footer: c.invoice_settings?.footer ?? null,
    from_invoice: null,
    hosted_invoice_url: null,
    invoice_pdf: null,
    issuer: { type: 'self' },
    last_finalization_error: null,
    latest_revision: null,
    lines: { object: 'list', data: [], has_more: false, url: `/v1/invoices/${id}/lines` },
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: null,
    on_behalf_of: null,
    parent: sub
      ? {
          quote_details: null,
          subscription_details: { metadata: sub.metadata ?? null, subscription: sub.id },
          type: 'subscription_details',
        }
      : null,
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: o.periodEnd,
    period_start: o.periodStart,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: 'draft',
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: 0,
    subtotal_excluding_tax: 0,
    test_clock: c.test_clock ?? null,
    total: 0,
    total_discount_amounts: [],
    total_excluding_tax: 0,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: null,
  };
  if (sub?.collection_method === 'send_invoice') invoice.due_date = o.created + (sub.days_until_due ?? 30) * 86400;
  invoice.lines.data = o.lines.map((l) => makeLine(l, id));
  recomputeTotals(core, invoice);
  return invoice;
}

/**
 * Subtotal, discounts and totals from the lines. Percent-off coupons apply to each discountable
 * line (credits included, so an unused-time credit is discounted like the charge it refunds);
 * amount-off coupons are spread over positive lines. A coupon with `applies_to.products` only
 * touches lines of those products. As Stripe does, discounts together never take more off a line
 * than the line is worth: stacked coupons end at zero, never below (issue 15, item 1).
 */
export function recomputeTotals(core: Core, invoice: StripeObject): void {
  const lines = invoice.lines.data as StripeObject[];
  const subtotal = lines.reduce((sum, l) => sum + (l.amount as number), 0);
  const totals = new Map<string, number>();
  for (const l of lines) l.discount_amounts = [];
  // What is still discountable on each line, in absolute terms.
  const left = new Map<StripeObject, number>(lines.map((l) => [l, Math.abs(l.amount as number)]));
  const take = (l: StripeObject, wanted: number) => {
    const amount = Math.min(wanted, left.get(l) ?? 0);
    left.set(l, (left.get(l) ?? 0) - amount);
    return amount;
  };
  for (const discountId of invoice.discounts as string[]) {
    const discount = core.store.getAny(discountId);
    const coupon = discount ? core.store.getAny(discount.source.coupon) : undefined;
    if (!discount || !coupon) continue;
    const products = (coupon._applies_to?.products ?? []) as string[];
    const eligible = lines.filter(
      (l) => l.discountable && (products.length === 0 || products.includes(l.pricing?.price_details?.product)),
    );
    if (coupon.percent_off !== null) {
      for (const l of eligible) {
        const sign = l.amount < 0 ? -1 : 1;
        const amt = sign * take(l, discountAmount(coupon, Math.abs(l.amount), invoice.currency));
        if (amt === 0) continue;
        l.discount_amounts.push({ amount: amt, discount: discountId });
        totals.set(discountId, (totals.get(discountId) ?? 0) + amt);
      }
    } else {
      const positive = eligible.filter((l) => l.amount > 0 && (left.get(l) ?? 0) > 0);
      const base = positive.reduce((s, l) => s + (left.get(l) ?? 0), 0);
      const full = discountAmount(coupon, base, invoice.currency);
      let remaining = full;
      positive.forEach((l, i) => {
        const share = take(l, i === positive.length - 1 ? remaining : Math.round((full * (left.get(l) ?? 0)) / base));
        remaining -= share;
        if (share !== 0) l.discount_amounts.push({ amount: share, discount: discountId });
      });
      const total = full - remaining;
      if (total !== 0) totals.set(discountId, total);
    }
  }
  const discountTotal = [...totals.values()].reduce((a, b) => a + b, 0);
  invoice.subtotal = subtotal;
  invoice.subtotal_excluding_tax = subtotal;
  invoice.total_discount_amounts = [...totals].map(([discount, amount]) => ({ amount, discount }));
  invoice.total = subtotal - discountTotal;
  invoice.total_excluding_tax = invoice.total;
  applyBalance(invoice, invoice.starting_balance);
}

/** Customer balance: negative is credit (reduces what is due), positive is owed (adds to it). */
export function applyBalance(invoice: StripeObject, startingBalance: number): void {
  invoice.starting_balance = startingBalance;
  const net = invoice.total + startingBalance;
  invoice.amount_due = Math.max(0, net);
  invoice.amount_remaining = Math.max(0, invoice.amount_due - invoice.amount_paid);
  if (invoice.status !== 'draft') invoice.ending_balance = Math.min(0, net);
}
