import type { Core } from '../core.js';
import { missingParameter } from '../errors.js';
import type { Params } from '../params.js';
import type { StripeObject } from '../store.js';
import { createDiscounts } from './discounts.js';
import { recurringAmount } from './change-settings.js';
import { intervalOf, itemsOf, syncItemPeriods } from '../resources/subscription-model.js';
import { formatDate, formatMoney, intervalLabel, priceAmount, prorate } from './amounts.js';
import { meteredLine } from './metered-usage.js';
import { addIntervals } from './periods.js';
import { newInvoice, type LineInput } from './invoice-builder.js';
import {
  attemptPayment,
  finalizeInvoice,
  markUncollectible,
  sweepPendingItems,
  voidInvoice,
  type PaymentResult,
} from './invoicing.js';

export type PaymentBehavior =
  'allow_incomplete' | 'default_incomplete' | 'error_if_incomplete' | 'pending_if_incomplete';
export type ProrationBehavior = 'always_invoice' | 'create_prorations' | 'none';

export interface StartOptions {
  paymentBehavior: PaymentBehavior;
  prorationBehavior: ProrationBehavior;
  discounts?: Params[] | '';
  addInvoiceItems?: Params[];
  offSession: boolean;
}

export function productName(core: Core, price: StripeObject): string {
  return core.store.getAny(price.product)?.name ?? price.product;
}

/** The line Stripe puts on an invoice for one item over a full period. */
export function itemLine(
  core: Core,
  sub: StripeObject,
  si: StripeObject,
  price: StripeObject,
  period: { start: number; end: number },
  trial = false,
): LineInput {
  const quantity = price.recurring?.usage_type === 'metered' ? 0 : (si.quantity ?? 1);
  const name = productName(core, price);
  const unit = price.unit_amount ?? 0;
  const amount =
    trial || price.recurring?.usage_type === 'metered'
      ? 0
      : priceAmount(price, quantity, core.store.getAny(price.id)?._tiers);
  const description = trial
    ? `Trial period for ${name}`
    : price.billing_scheme === 'tiered'
      ? `${quantity} × ${name} (Tiered)`
      : `${quantity} × ${name} (at ${formatMoney(unit, price.currency)} / ${intervalLabel(price)})`;
  return {
    amount,
    currency: price.currency,
    description,
    period,
    quantity,
    price,
    proration: false,
    subscription: sub.id,
    subscriptionItem: si.id,
    invoiceItem: null,
  };
}

/** Discounts in force on the subscription at `now` (or the customer's, when it has none). */
export function activeDiscounts(core: Core, sub: StripeObject | null, customer: StripeObject, now: number): string[] {
  const live = (id: string) => {
    const d = core.store.get(id);
    return d && (d.end === null || d.end > now);
  };
  const own = ((sub?.discounts ?? []) as string[]).filter(live);
  if (own.length > 0) return own;
  return customer.discount && live(customer.discount.id ?? customer.discount)
    ? [customer.discount.id ?? customer.discount]
    : [];
}

/** `once` coupons stop after their first invoice. */
function consumeOnceDiscounts(core: Core, sub: StripeObject, invoice: StripeObject): void {
  const now = invoice.created as number;
  for (const id of invoice.discounts as string[]) {
    const d = core.store.get(id);
    const coupon = d ? core.store.getAny(d.source.coupon) : undefined;
    if (d && coupon?.duration === 'once' && d.end === null && invoice.total_discount_amounts.length > 0) {
      d.end = now;
      sub.discounts = (sub.discounts as string[]).filter((x) => x !== id);
    }
  }
}

export interface IssueResult {
  invoice: StripeObject;
  payment: PaymentResult | null;
}

/** Creates, finalizes and (for automatic collection) charges an invoice for a subscription. */
export function issueInvoice(
  core: Core,
  sub: StripeObject,
  lines: LineInput[],
  reason: string,
  period: { start: number; end: number },
  opts: { paymentBehavior: PaymentBehavior; offSession: boolean; sweep: boolean; at: number },
): IssueResult {
  const customer = core.store.find('customer', sub.customer);
  const invoice = newInvoice(core, {
    customer,
    subscription: sub,
    billingReason: reason,
    periodStart: period.start,
    periodEnd: period.end,
    lines,
    discounts: activeDiscounts(core, sub, customer, opts.at),
    created: opts.at,
  });
  core.store.put(invoice);
  if (opts.sweep) sweepPendingItems(core, invoice, sub.id);
  consumeOnceDiscounts(core, sub, invoice);
  core.emit('invoice.created', invoice);
  sub.latest_invoice = invoice.id;
  const pause = sub.pause_collection as { behavior: string } | null;
  if (pause && reason === 'subscription_cycle') {
    // Paused collection: the invoice is made but not collected.
    if (pause.behavior === 'keep_as_draft') return { invoice, payment: null };
    finalizeInvoice(core, invoice);
    if (invoice.status === 'open') {
      if (pause.behavior === 'void') voidInvoice(core, invoice);
      else markUncollectible(core, invoice);
    }
    return { invoice, payment: null };
  }
  finalizeInvoice(core, invoice);
  if (invoice.status === 'paid') return { invoice, payment: { ok: true } };
  if (sub.collection_method !== 'charge_automatically' || opts.paymentBehavior === 'default_incomplete')
    return { invoice, payment: null };
  return { invoice, payment: attemptPayment(core, invoice, { offSession: opts.offSession, automatic: true }) };
}

/** Stores a new subscription and its items and bills the first period. */
export function startSubscription(
  core: Core,
  sub: StripeObject,
  items: StripeObject[],
  opts: StartOptions,
): StripeObject {
  const { store } = core;
  const now = sub.created as number;
  const trial = sub.trial_end !== null;
  sub.status = trial ? 'trialing' : 'incomplete';
  store.put(sub);
  for (const si of items) store.put(si);
  syncItemPeriods(core, sub, now);
  const customer = store.find('customer', sub.customer);
  customer.currency ??= sub.currency;
  if (opts.discounts)
    sub.discounts = createDiscounts(
      core,
      opts.discounts,
      { customer: customer.id, subscription: sub.id, amount: recurringAmount(core, sub) },
      now,
    );
  const lines: LineInput[] = items.map((si) => {
    const price = store.find('price', si.price);
    const period = { start: si.current_period_start as number, end: si.current_period_end as number };
    const line = itemLine(core, sub, si, price, period, trial);
    if (!trial && sub.billing_cycle_anchor > now) {
      // A future anchor: the first invoice covers only the stub period up to it, prorated.
      const { interval, count } = intervalOf(price);
      const fullStart = addIntervals(sub.billing_cycle_anchor, interval, count, -1);
      line.amount =
        opts.prorationBehavior === 'none' ? 0 : prorate(line.amount, fullStart, sub.billing_cycle_anchor, now);
      line.proration = opts.prorationBehavior !== 'none';
      line.description = `Remaining time on ${si.quantity ?? 1} × ${productName(core, price)} after ${formatDate(now)}`;
    }
    return line;
  });
  for (const [i, add] of (opts.addInvoiceItems ?? []).entries())
    lines.push(oneOffLine(core, sub, add, `add_invoice_items[${i}]`, now));
  const result = issueInvoice(
    core,
    sub,
    lines,
    'subscription_create',
    { start: now, end: now },
    { paymentBehavior: opts.paymentBehavior, offSession: opts.offSession, sweep: false, at: now },
  );
  if (result.invoice.status === 'paid') sub.status = trial ? 'trialing' : 'active';
  else if (opts.paymentBehavior === 'error_if_incomplete' && result.payment?.error) throw result.payment.error;
  else sub.status = trial ? 'trialing' : 'incomplete';
  core.emit('customer.subscription.created', sub);
  return sub;
}

/** A one-off line from `add_invoice_items` (a price or inline price_data). */
export function oneOffLine(core: Core, sub: StripeObject, add: Params, param: string, now: number): LineInput {
  let price: StripeObject | null = null;
  let unit: number;
  let currency = sub.currency as string;
  if (add.price) {
    price = core.store.findReferenced('price', add.price, `${param}[price]`);
    unit = price.unit_amount ?? 0;
    currency = price.currency;
  } else if (add.price_data) {
    core.store.findReferenced('product', add.price_data.product, `${param}[price_data][product]`);
    unit = add.price_data.unit_amount ?? Math.round(Number(add.price_data.unit_amount_decimal ?? 0));
    currency = String(add.price_data.currency).toLowerCase();
  } else throw missingParameter(`${param}[price]`);
  const quantity = add.quantity ?? 1;
  const name = price ? productName(core, price) : (core.store.getAny(add.price_data.product)?.name ?? 'Item');
  return {
    amount: unit * quantity,
    currency,
    description: quantity === 1 ? name : `${quantity} × ${name}`,
    period: { start: now, end: now },
    quantity,
    price,
    proration: false,
    subscription: sub.id,
    subscriptionItem: null,
    invoiceItem: null,
    metadata: add.metadata,
  };
}

export function cancelNow(
  core: Core,
  sub: StripeObject,
  at: number,
  reason: 'cancellation_requested' | 'payment_failed' | 'payment_disputed',
): void {
  const prev = { status: sub.status };
  sub.status = 'canceled';
  sub.canceled_at = sub.canceled_at ?? at;
  sub.ended_at = at;
  sub.cancel_at_period_end = false;
  sub.pause_collection = null;
  sub.cancellation_details = { ...sub.cancellation_details, reason };
  // Open invoices of a canceled subscription stop being retried.
  for (const inv of core.store.all(
    'invoice',
    (i) => i.parent?.subscription_details?.subscription === sub.id && i.status === 'open',
  ))
    inv.next_payment_attempt = null;
  core.emit('customer.subscription.deleted', sub, prev);
}

/** What happens when the subscription reaches `at` = the end of its period (or trial). */
export function renewSubscription(core: Core, sub: StripeObject, at: number): void {
  const prev: Record<string, unknown> = { status: sub.status };
  if (sub.cancel_at !== null && sub.cancel_at <= at) {
    cancelNow(core, sub, sub.cancel_at, 'cancellation_requested');
    return;
  }
  const customer = core.store.find('customer', sub.customer);
  const endingTrial = sub.status === 'trialing';
  if (endingTrial) {
    const hasPm = Boolean(sub.default_payment_method || customer.invoice_settings?.default_payment_method);
    const behaviour = sub.trial_settings?.end_behavior?.missing_payment_method ?? 'create_invoice';
    if (!hasPm && behaviour === 'cancel') {
      cancelNow(core, sub, at, 'cancellation_requested');
      return;
    }
    if (!hasPm && behaviour === 'pause') {
      sub.status = 'paused';
      core.emit('customer.subscription.paused', sub, prev);
      return;
    }
  }
  if (sub.pause_collection?.resumes_at && sub.pause_collection.resumes_at <= at) sub.pause_collection = null;
  const before = core.store.render(sub).items;
  const endedPeriodStart = Math.min(...itemsOf(core, sub.id).map((si) => si.current_period_start as number));
  // Metered items bill the usage of the period that just ended (in arrears), licensed ones the new period.
  const endedPeriods = new Map(
    itemsOf(core, sub.id).map((si) => [
      si.id,
      { start: si.current_period_start as number, end: si.current_period_end as number },
    ]),
  );
  syncItemPeriods(core, sub, at);
  const items = itemsOf(core, sub.id);
  const lines = items.map((si) => {
    const price = core.store.find('price', si.price);
    const ended = endedPeriods.get(si.id);
    if (price.recurring?.usage_type === 'metered' && ended)
      return meteredLine(core, sub, si, price, ended, productName(core, price));
    return itemLine(core, sub, si, price, { start: si.current_period_start, end: si.current_period_end });
  });
  // A renewal invoice's own period is the one that just ended; its lines cover the new one.
  const result = issueInvoice(
    core,
    sub,
    lines,
    'subscription_cycle',
    { start: endedPeriodStart, end: at },
    { paymentBehavior: 'allow_incomplete', offSession: true, sweep: true, at },
  );
  if (result.invoice.status === 'paid' || result.payment === null)
    sub.status = sub.status === 'past_due' && result.invoice.status !== 'paid' ? 'past_due' : 'active';
  else if (!result.payment.ok) sub.status = 'past_due';
  else sub.status = 'active';
  if (endingTrial && sub.status === 'active') sub.trial_end = sub.trial_end ?? at;
  core.emit('customer.subscription.updated', sub, { ...prev, items: before });
}

/** Paying its last open invoice brings an incomplete or past-due subscription back to active. */
export function reactivateAfterPayment(core: Core, sub: StripeObject): void {
  if (sub.status !== 'incomplete' && sub.status !== 'past_due' && sub.status !== 'unpaid') return;
  const stillOpen = core.store.all(
    'invoice',
    (i) => i.parent?.subscription_details?.subscription === sub.id && i.status === 'open',
  );
  if (stillOpen.length > 0) return;
  const prev = { status: sub.status };
  sub.status = sub.trial_end && sub.trial_end > core.nowFor(sub.test_clock) ? 'trialing' : 'active';
  core.emit('customer.subscription.updated', sub, prev);
}
