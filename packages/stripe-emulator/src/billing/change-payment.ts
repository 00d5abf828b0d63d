import type { Core } from '../core.js';
import type { StripeError } from '../errors.js';
import type { Params } from '../params.js';
import type { StripeObject } from '../store.js';
import { itemsOf, syncItemPeriods } from '../resources/subscription-model.js';
import { applyItems } from './change-items.js';
import type { ItemState } from './proration.js';
import type { PaymentBehavior } from './subscription-billing.js';

/**
 * What a failed payment of the invoice a change issued does, per `payment_behavior`:
 * `error_if_incomplete` fails the request with the payment error, `allow_incomplete` leaves the
 * subscription `past_due` while the invoice is open, and `pending_if_incomplete` puts the old
 * items back and parks the new ones in `pending_update` until the invoice is paid.
 */
export function settlePayment(
  core: Core,
  sub: StripeObject,
  error: StripeError | undefined,
  behavior: PaymentBehavior,
  invoice: StripeObject,
  items?: { before: ItemState[]; params: Params[] | undefined; now: number },
): void {
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
