import type { Core } from '../core.js';
import { invalidRequest } from '../errors.js';
import type { Params } from '../params.js';
import type { StripeObject } from '../store.js';
import { createDiscounts } from './discounts.js';
import { itemsOf, periodEndOf } from '../resources/subscription-model.js';
import { mergeMetadata } from '../resources/shared.js';

/**
 * The `subscriptions.update` fields that neither change items nor invoice by themselves:
 * metadata, description, payment and collection settings, pause, discounts, cancellation. Old
 * values go into `prev` (the event's `previous_attributes`).
 */
export function applySettings(
  core: Core,
  sub: StripeObject,
  p: Params,
  now: number,
  prev: Record<string, unknown>,
): void {
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
  if (p.payment_settings?.save_default_payment_method)
    sub.payment_settings.save_default_payment_method = p.payment_settings.save_default_payment_method;
  if (p.trial_settings)
    sub.trial_settings = {
      end_behavior: {
        billing_cycle_anchor: null,
        missing_payment_method: p.trial_settings.end_behavior.missing_payment_method,
      },
    };
  if (p.pause_collection !== undefined) {
    prev.pause_collection = sub.pause_collection;
    if (
      p.pause_collection !== '' &&
      p.pause_collection.resumes_at !== undefined &&
      p.pause_collection.resumes_at <= now
    )
      throw invalidRequest('`resumes_at` must be in the future.', 'pause_collection[resumes_at]');
    sub.pause_collection =
      p.pause_collection === ''
        ? null
        : { behavior: p.pause_collection.behavior, resumes_at: p.pause_collection.resumes_at ?? null };
  }
  applyCancellation(core, sub, p, now, prev);
}

/**
 * `discounts` on update: `''` clears, a non-empty array replaces, `[]` keeps. Applied before the
 * update invoices, so the invoice the change makes carries the new discount (as Stripe's does, and
 * as the preview shows), with minimum amounts checked against the items after the change.
 */
export function applyDiscounts(
  core: Core,
  sub: StripeObject,
  p: Params,
  now: number,
  prev: Record<string, unknown>,
): void {
  if (p.discounts === undefined) return;
  prev.discounts = sub.discounts;
  if (p.discounts === '') sub.discounts = [];
  else if (p.discounts.length > 0)
    sub.discounts = createDiscounts(
      core,
      p.discounts,
      { customer: sub.customer, subscription: sub.id, amount: recurringAmount(core, sub) },
      now,
    );
}

/** What the subscription's items cost per period: the amount a code's `minimum_amount` is held to. */
export function recurringAmount(core: Core, sub: StripeObject): { value: number; currency: string } {
  const value = itemsOf(core, sub.id).reduce(
    (sum, si) => sum + (core.store.find('price', si.price).unit_amount ?? 0) * (si.quantity ?? 1),
    0,
  );
  return { value, currency: sub.currency };
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
      throw invalidRequest(
        'You may only specify one of these parameters: cancel_at, cancel_at_period_end.',
        'cancel_at',
      );
    const at = p.cancel_at_period_end === true || typeof p.cancel_at === 'string' ? end : (p.cancel_at as number);
    if (at <= now) throw invalidRequest('cancel_at must be in the future.', 'cancel_at');
    sub.cancel_at_period_end = at === end;
    sub.cancel_at = at;
    sub.canceled_at = now;
    sub.cancellation_details = {
      comment: details?.comment || null,
      feedback: details?.feedback || null,
      feedback_option: null,
      reason: 'cancellation_requested',
    };
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
