import type { Core } from '../core.js';
import { invalidRequest } from '../errors.js';
import type { Params } from '../params.js';
import type { StripeObject } from '../store.js';
import { itemsOf, periodEndOf, periodStartOf } from '../resources/subscription-model.js';
import { usageUntil } from './metered-usage.js';
import { pendingItem, prorationLines, snapshotItems } from './proration.js';
import { issueInvoice } from './subscription-billing.js';

/** Immediate cancellation (`subscriptions.cancel`), optionally crediting unused time. */
export function cancelSubscription(core: Core, sub: StripeObject, p: Params): StripeObject | null {
  if (sub.status === 'canceled' || sub.status === 'incomplete_expired')
    throw invalidRequest(`This subscription has already been canceled.`, undefined, 'resource_missing');
  const now = core.nowFor(sub.test_clock);
  let invoice: StripeObject | null = null;
  if (p.prorate && sub.status !== 'trialing') {
    const period = { start: periodStartOf(core, sub), end: periodEndOf(core, sub) };
    const items = snapshotItems(core, sub);
    for (const l of prorationLines(core, sub, items, [], period, now, false)) pendingItem(core, sub, l, now);
  }
  if (p.invoice_now) {
    // Stripe's final invoice bills "any un-invoiced metered usage": each metered item's usage from
    // the start of its current period up to now, beside the pending items (prorations).
    const usage = itemsOf(core, sub.id).flatMap((si) =>
      usageUntil(core, sub, [{ id: si.id, price: si.price }], si.current_period_start, now),
    );
    const pending = core.store.all(
      'invoiceitem',
      (ii) => ii.invoice === null && ii.parent?.subscription_details?.subscription === sub.id,
    );
    if (pending.length > 0 || usage.length > 0)
      invoice = issueInvoice(
        core,
        sub,
        usage,
        'subscription_update',
        { start: now, end: now },
        { paymentBehavior: 'allow_incomplete', offSession: true, sweep: true, at: now },
      ).invoice;
  }
  if (p.cancellation_details) {
    sub.cancellation_details = {
      ...sub.cancellation_details,
      comment: p.cancellation_details.comment || sub.cancellation_details.comment || null,
      feedback: p.cancellation_details.feedback || sub.cancellation_details.feedback || null,
    };
  }
  sub.canceled_at = now;
  const prev = { status: sub.status };
  sub.status = 'canceled';
  sub.ended_at = now;
  sub.cancel_at_period_end = false;
  sub.cancellation_details = { ...sub.cancellation_details, reason: 'cancellation_requested' };
  for (const inv of core.store.all(
    'invoice',
    (i) => i.parent?.subscription_details?.subscription === sub.id && i.status === 'open',
  ))
    inv.next_payment_attempt = null;
  core.emit('customer.subscription.deleted', sub, prev);
  return invoice;
}
