import type { Core } from '../core.js';
import { invalidRequest, type StripeError } from '../errors.js';
import type { Params } from '../params.js';
import type { StripeObject } from '../store.js';
import { createDiscount } from '../resources/coupons.js';
import { checkPriceUsable, intervalOf, itemsOf, newItem, periodEndOf, periodStartOf, priceForItem, syncItemPeriods } from '../resources/subscription-model.js';
import { mergeMetadata } from '../resources/shared.js';
import type { LineInput } from './invoice-builder.js';
import { pendingItem, prorationLines, snapshotItems, type ItemState } from './proration.js';
import { issueInvoice, itemLine, oneOffLine, type PaymentBehavior, type ProrationBehavior } from './subscription-billing.js';

export interface ChangeResult {
  /** The invoice issued immediately by this change, if any. */
  invoice: StripeObject | null;
  prorationDate: number;
}

/**
 * Applies `items[]` to the subscription (replace price/quantity, add, delete) and returns the
 * item states before and after, for proration.
 */
function applyItems(core: Core, sub: StripeObject, items: Params[] | undefined, now: number): void {
  if (!items) return;
  const { store } = core;
  items.forEach((p, i) => {
    const param = `items[${i}]`;
    if (p.id) {
      const si = store.find('subscription_item', p.id, `${param}[id]`);
      if (si.subscription !== sub.id) throw invalidRequest(`The subscription item ${p.id} does not belong to subscription ${sub.id}.`, `${param}[id]`);
      if (p.deleted) {
        store.markDeleted(si.id);
        return;
      }
      if (p.price || p.price_data || p.plan) {
        const price = priceForItem(core, p, param);
        checkPriceUsable(price, `${param}[price]`, sub.currency);
        si.price = price.id;
        si.plan = price.id;
        if (price.recurring?.usage_type === 'metered') delete si.quantity;
        else si.quantity = p.quantity ?? si.quantity ?? 1;
      } else if (p.quantity !== undefined) si.quantity = p.quantity;
      if (p.metadata !== undefined) si.metadata = mergeMetadata(si.metadata, p.metadata);
      return;
    }
    if (p.deleted) throw invalidRequest('An item to delete needs its `id`.', `${param}[id]`);
    const price = priceForItem(core, p, param);
    checkPriceUsable(price, `${param}[price]`, sub.currency);
    const item = newItem(core, sub.id, price, p, now);
    store.put(item);
  });
  const after = itemsOf(core, sub.id);
  if (after.length === 0) throw invalidRequest('A subscription must have at least one active plan. To cancel a subscription, please use the cancel API endpoint.', 'items');
  const seen = new Set<string>();
  let first: { interval: string; count: number } | null = null;
  for (const si of after) {
    if (seen.has(si.price)) throw invalidRequest(`Cannot add multiple subscription items with the same price: ${si.price}`, 'items');
    seen.add(si.price);
    const iv = intervalOf(store.find('price', si.price));
    if (first && (first.interval !== iv.interval || first.count !== iv.count))
      throw invalidRequest('Currency and interval fields must match across all plans on this subscription. Found mismatch in interval field.', 'items');
    first ??= iv;
  }
}

export type ChangeParams = Params;

/** Applies `subscriptions.update` params; used for real updates and, in a sandbox, for previews. */
export function changeSubscription(core: Core, sub: StripeObject, p: ChangeParams): ChangeResult {
  const { store } = core;
  const now = core.nowFor(sub.test_clock);
  if (sub.status === 'canceled' || sub.status === 'incomplete_expired') {
    const allowed = Object.keys(p).every((k) => k === 'metadata' || k === 'cancellation_details');
    if (!allowed) throw invalidRequest('A canceled subscription can only update its cancellation_details and metadata.', undefined);
  }
  const period = { start: periodStartOf(core, sub), end: periodEndOf(core, sub) };
  const prorationDate = p.proration_date ?? now;
  if (p.proration_date !== undefined && (p.proration_date < period.start || p.proration_date > period.end))
    throw invalidRequest('`proration_date` must be within the current billing period of the subscription.', 'proration_date');
  const prorationBehavior: ProrationBehavior = p.proration_behavior ?? 'create_prorations';
  const paymentBehavior: PaymentBehavior = p.payment_behavior ?? 'allow_incomplete';
  const prev: Record<string, unknown> = {};
  const rendered = store.render(sub);

  if (p.default_payment_method !== undefined) {
    const pm = store.get(p.default_payment_method);
    if (!pm || pm.object !== 'payment_method' || pm.customer !== sub.customer)
      throw invalidRequest(`The customer does not have a payment method with the ID ${p.default_payment_method}. The payment method must be attached to the customer.`, 'default_payment_method', 'resource_missing');
  }

  // Items, interval and anchor.
  const before = snapshotItems(core, sub);
  const beforeInterval = intervalOf(store.find('price', before[0]!.price));
  applyItems(core, sub, p.items, now);
  const after = snapshotItems(core, sub);
  const itemsChanged = JSON.stringify(before) !== JSON.stringify(after);
  if (itemsChanged) prev.items = rendered.items;
  const afterInterval = intervalOf(store.find('price', after[0]!.price));
  const intervalChanged = beforeInterval.interval !== afterInterval.interval || beforeInterval.count !== afterInterval.count;
  const anchorType = typeof p.billing_cycle_anchor === 'string' ? p.billing_cycle_anchor : p.billing_cycle_anchor?.type;

  let trialEnding = false;
  if (p.trial_end !== undefined) {
    prev.trial_end = sub.trial_end;
    if (p.trial_end === 'now') {
      trialEnding = sub.status === 'trialing';
      sub.trial_end = now;
    } else {
      if (p.trial_end <= now) throw invalidRequest('Invalid timestamp: must be an integer Unix timestamp in the future.', 'trial_end');
      sub.trial_start = sub.trial_start ?? now;
      sub.trial_end = p.trial_end;
      sub.billing_cycle_anchor = p.trial_end;
      sub.status = 'trialing';
      syncItemPeriods(core, sub, now);
    }
  }
  const inTrial = sub.status === 'trialing' && !trialEnding;
  const resetAnchor = !inTrial && (anchorType === 'now' || intervalChanged || trialEnding);

  let invoice: StripeObject | null = null;
  const extraLines: LineInput[] = (p.add_invoice_items ?? []).map((add: Params, i: number) => oneOffLine(core, sub, add, `add_invoice_items[${i}]`, now));
  if (resetAnchor) {
    // A new billing period starts now: credit unused time on every old item, bill the new period.
    const credits = prorationBehavior === 'none' || trialEnding ? [] : prorationLines(core, sub, before, after, period, prorationDate, false);
    prev.billing_cycle_anchor = sub.billing_cycle_anchor;
    sub.billing_cycle_anchor = now;
    if (trialEnding) sub.status = 'active';
    syncItemPeriods(core, sub, now);
    const charges = itemsOf(core, sub.id).map((si) => itemLine(core, sub, si, store.find('price', si.price), { start: si.current_period_start, end: si.current_period_end }));
    const result = issueInvoice(core, sub, [...credits, ...charges, ...extraLines], 'subscription_update', { start: now, end: now }, { paymentBehavior, offSession: p.off_session ?? false, sweep: true, at: now });
    invoice = result.invoice;
    settlePayment(core, sub, result.payment?.error, paymentBehavior, invoice, { before, params: p.items, now });
  } else if (itemsChanged && !inTrial && prorationBehavior !== 'none') {
    const lines = prorationLines(core, sub, before, after, period, prorationDate, true);
    if (prorationBehavior === 'always_invoice') {
      for (const l of [...lines, ...extraLines]) pendingItem(core, sub, l, now);
      const result = issueInvoice(core, sub, [], 'subscription_update', { start: now, end: now }, { paymentBehavior, offSession: p.off_session ?? false, sweep: true, at: now });
      invoice = result.invoice;
      settlePayment(core, sub, result.payment?.error, paymentBehavior, invoice, { before, params: p.items, now });
    } else {
      for (const l of [...lines, ...extraLines]) pendingItem(core, sub, l, now);
    }
  } else {
    for (const l of extraLines) pendingItem(core, sub, l, now);
  }

  // Plain fields.
  if (p.metadata !== undefined) {
    prev.metadata = sub.metadata;
    sub.metadata = mergeMetadata(sub.metadata, p.metadata);
  }
  if (p.description !== undefined) sub.description = p.description || null;
  if (p.default_payment_method !== undefined) {
    prev.default_payment_method = sub.default_payment_method;
    sub.default_payment_method = p.default_payment_method || null;
  }
  if (p.collection_method !== undefined) {
    prev.collection_method = sub.collection_method;
    sub.collection_method = p.collection_method;
    sub.days_until_due = p.collection_method === 'send_invoice' ? (p.days_until_due ?? sub.days_until_due ?? 30) : null;
  } else if (p.days_until_due !== undefined) sub.days_until_due = p.days_until_due;
  if (p.payment_settings?.save_default_payment_method) sub.payment_settings.save_default_payment_method = p.payment_settings.save_default_payment_method;
  if (p.trial_settings) sub.trial_settings = { end_behavior: { billing_cycle_anchor: null, missing_payment_method: p.trial_settings.end_behavior.missing_payment_method } };
  if (p.pause_collection !== undefined) {
    prev.pause_collection = sub.pause_collection;
    if (p.pause_collection !== '' && p.pause_collection.resumes_at !== undefined && p.pause_collection.resumes_at <= now)
      throw invalidRequest('`resumes_at` must be in the future.', 'pause_collection[resumes_at]');
    sub.pause_collection = p.pause_collection === '' ? null : { behavior: p.pause_collection.behavior, resumes_at: p.pause_collection.resumes_at ?? null };
  }
  if (p.discounts !== undefined) {
    prev.discounts = sub.discounts;
    if (p.discounts === '') sub.discounts = [];
    else if (p.discounts.length > 0)
      sub.discounts = p.discounts.map((d: Params, i: number) => createDiscount(core, d, { customer: sub.customer, subscription: sub.id }, `discounts[${i}]`, now).id);
  }
  applyCancellation(core, sub, p, now, prev);
  if (Object.keys(prev).length > 0 || invoice) core.emit('customer.subscription.updated', sub, prev);
  return { invoice, prorationDate };
}

function settlePayment(core: Core, sub: StripeObject, error: StripeError | undefined, behavior: PaymentBehavior, invoice: StripeObject, items?: { before: ItemState[]; params: Params[] | undefined; now: number }): void {
  if (!error) return;
  if (behavior === 'error_if_incomplete') throw error;
  if (behavior === 'allow_incomplete' && invoice.status === 'open') sub.status = 'past_due';
  if (behavior === 'pending_if_incomplete' && items) {
    // The item change waits in `pending_update` until the invoice is paid.
    const { store } = core;
    const newItems = itemsOf(core, sub.id).map((si) => store.render(si));
    for (const si of itemsOf(core, sub.id)) if (!items.before.some((b) => b.id === si.id)) store.remove(si.id);
    for (const b of items.before) {
      const si = store.getAny(b.id);
      if (!si) continue;
      if (store.isDeleted(b.id)) store.restoreDeleted(b.id);
      si.price = b.price;
      si.plan = b.price;
      si.quantity = b.quantity;
    }
    sub.pending_update = {
      billing_cycle_anchor: null,
      cancel_at_period_end: null,
      discount: null,
      discounts: null,
      expires_at: items.now + 23 * 3600,
      metadata: null,
      subscription_items: newItems,
      trial_end: null,
      trial_from_plan: null,
    };
    sub._pending_invoice = invoice.id;
    sub._pending_items = items.params;
  }
}

/** Applies a `pending_if_incomplete` change once its invoice is paid. */
export function applyPendingUpdate(core: Core, sub: StripeObject): void {
  const params = sub._pending_items as Params[] | undefined;
  sub.pending_update = null;
  delete sub._pending_invoice;
  delete sub._pending_items;
  applyItems(core, sub, params, core.nowFor(sub.test_clock));
  syncItemPeriods(core, sub, core.nowFor(sub.test_clock));
  core.emit('customer.subscription.pending_update_applied', sub);
}

/** A pending update whose invoice was not paid within 23 hours is dropped. */
export function expirePendingUpdate(core: Core, sub: StripeObject): void {
  sub.pending_update = null;
  delete sub._pending_invoice;
  delete sub._pending_items;
  core.emit('customer.subscription.pending_update_expired', sub);
}

/** `cancel_at_period_end`, `cancel_at` and `cancellation_details` on update. */
function applyCancellation(core: Core, sub: StripeObject, p: Params, now: number, prev: Record<string, unknown>): void {
  const details = p.cancellation_details as Params | undefined;
  const end = periodEndOf(core, sub);
  if (p.cancel_at_period_end !== undefined || p.cancel_at !== undefined) {
    prev.cancel_at_period_end = sub.cancel_at_period_end;
    prev.cancel_at = sub.cancel_at;
    prev.canceled_at = sub.canceled_at;
    prev.cancellation_details = sub.cancellation_details;
  }
  if (p.cancel_at_period_end === true || (p.cancel_at !== undefined && p.cancel_at !== '')) {
    if (p.cancel_at_period_end === true && p.cancel_at !== undefined && p.cancel_at !== '')
      throw invalidRequest('You may only specify one of these parameters: cancel_at, cancel_at_period_end.', 'cancel_at');
    const at = p.cancel_at_period_end === true || typeof p.cancel_at === 'string' ? end : (p.cancel_at as number);
    if (at <= now) throw invalidRequest('cancel_at must be in the future.', 'cancel_at');
    sub.cancel_at_period_end = at === end;
    sub.cancel_at = at;
    sub.canceled_at = now;
    sub.cancellation_details = { comment: details?.comment || null, feedback: details?.feedback || null, feedback_option: null, reason: 'cancellation_requested' };
    return;
  }
  if (p.cancel_at_period_end === false || p.cancel_at === '') {
    sub.cancel_at_period_end = false;
    sub.cancel_at = null;
    sub.canceled_at = null;
    sub.cancellation_details = { comment: null, feedback: null, feedback_option: null, reason: null };
  }
  if (details) {
    prev.cancellation_details ??= sub.cancellation_details;
    sub.cancellation_details = {
      ...sub.cancellation_details,
      ...(details.comment !== undefined ? { comment: details.comment || null } : {}),
      ...(details.feedback !== undefined ? { feedback: details.feedback || null } : {}),
    };
  }
}
