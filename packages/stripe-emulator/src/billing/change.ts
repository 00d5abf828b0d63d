import type { Core } from '../core.js';
import { invalidRequest } from '../errors.js';
import type { Params } from '../params.js';
import type { StripeObject } from '../store.js';
import { intervalOf, itemsOf, periodEndOf, periodStartOf, syncItemPeriods } from '../resources/subscription-model.js';
import { applyDiscounts, applySettings } from './change-settings.js';
import { applyItems } from './change-items.js';
import { settlePayment } from './change-payment.js';
import type { LineInput } from './invoice-builder.js';
import { usageUntil } from './metered-usage.js';
import { pendingItem, prorationLines, snapshotItems } from './proration.js';
import {
  issueInvoice,
  itemLine,
  oneOffLine,
  type PaymentBehavior,
  type ProrationBehavior,
} from './subscription-billing.js';

export interface ChangeResult {
  /** The invoice issued immediately by this change, if any. */
  invoice: StripeObject | null;
  prorationDate: number;
}

export type ChangeParams = Params;

/** Applies `subscriptions.update` params; used for real updates and, in a sandbox, for previews. */
export function changeSubscription(core: Core, sub: StripeObject, p: ChangeParams): ChangeResult {
  const { store } = core;
  const now = core.nowFor(sub.test_clock);
  if (sub.status === 'canceled' || sub.status === 'incomplete_expired') {
    const allowed = Object.keys(p).every((k) => k === 'metadata' || k === 'cancellation_details');
    if (!allowed)
      throw invalidRequest('A canceled subscription can only update its cancellation_details and metadata.', undefined);
  }
  const period = { start: periodStartOf(core, sub), end: periodEndOf(core, sub) };
  const prorationDate = p.proration_date ?? now;
  if (p.proration_date !== undefined && (p.proration_date < period.start || p.proration_date > period.end))
    throw invalidRequest(
      '`proration_date` must be within the current billing period of the subscription.',
      'proration_date',
    );
  const prorationBehavior: ProrationBehavior = p.proration_behavior ?? 'create_prorations';
  const paymentBehavior: PaymentBehavior = p.payment_behavior ?? 'allow_incomplete';
  const prev: Record<string, unknown> = {};
  const rendered = store.render(sub);

  if (p.default_payment_method !== undefined) {
    const pm = store.get(p.default_payment_method);
    if (!pm || pm.object !== 'payment_method' || pm.customer !== sub.customer)
      throw invalidRequest(
        `The customer does not have a payment method with the ID ${p.default_payment_method}. The payment method must be attached to the customer.`,
        'default_payment_method',
        'resource_missing',
      );
  }

  // Items, interval and anchor.
  const before = snapshotItems(core, sub);
  const beforeInterval = intervalOf(store.find('price', before[0]!.price));
  applyItems(core, sub, p.items, now);
  const after = snapshotItems(core, sub);
  const itemsChanged = JSON.stringify(before) !== JSON.stringify(after);
  if (itemsChanged) prev.items = rendered.items;
  applyDiscounts(core, sub, p, now, prev);
  const afterInterval = intervalOf(store.find('price', after[0]!.price));
  const intervalChanged =
    beforeInterval.interval !== afterInterval.interval || beforeInterval.count !== afterInterval.count;
  const anchorType = typeof p.billing_cycle_anchor === 'string' ? p.billing_cycle_anchor : p.billing_cycle_anchor?.type;

  let trialEnding = false;
  if (p.trial_end !== undefined) {
    prev.trial_end = sub.trial_end;
    if (p.trial_end === 'now') {
      trialEnding = sub.status === 'trialing';
      sub.trial_end = now;
    } else {
      if (p.trial_end <= now)
        throw invalidRequest('Invalid timestamp: must be an integer Unix timestamp in the future.', 'trial_end');
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
  const extraLines: LineInput[] = (p.add_invoice_items ?? []).map((add: Params, i: number) =>
    oneOffLine(core, sub, add, `add_invoice_items[${i}]`, now),
  );
  if (resetAnchor) {
    // A new billing period starts now: credit unused time on every old item, bill the new period.
    const credits =
      prorationBehavior === 'none' || trialEnding
        ? []
        : prorationLines(core, sub, before, after, period, prorationDate, false);
    // The old period's end will never come, so the metered usage so far is billed now (in arrears);
    // an item removed or moved to another price leaves its usage unbilled, as on any other change.
    const kept = before.filter((b) => after.some((a) => a.id === b.id && a.price === b.price));
    const usage = trialEnding ? [] : usageUntil(core, sub, kept, period.start, now);
    prev.billing_cycle_anchor = sub.billing_cycle_anchor;
    sub.billing_cycle_anchor = now;
    if (trialEnding) sub.status = 'active';
    syncItemPeriods(core, sub, now);
    const charges = itemsOf(core, sub.id).map((si) =>
      itemLine(core, sub, si, store.find('price', si.price), {
        start: si.current_period_start,
        end: si.current_period_end,
      }),
    );
    const result = issueInvoice(
      core,
      sub,
      [...credits, ...usage, ...charges, ...extraLines],
      'subscription_update',
      { start: now, end: now },
      { paymentBehavior, offSession: p.off_session ?? false, sweep: true, at: now },
    );
    invoice = result.invoice;
    settlePayment(core, sub, result.payment?.error, paymentBehavior, invoice, { before, params: p.items, now });
  } else if (itemsChanged && !inTrial && prorationBehavior !== 'none') {
    const lines = prorationLines(core, sub, before, after, period, prorationDate, true);
    if (prorationBehavior === 'always_invoice') {
      for (const l of [...lines, ...extraLines]) pendingItem(core, sub, l, now);
      const result = issueInvoice(
        core,
        sub,
        [],
        'subscription_update',
        { start: now, end: now },
        { paymentBehavior, offSession: p.off_session ?? false, sweep: true, at: now },
      );
      invoice = result.invoice;
      settlePayment(core, sub, result.payment?.error, paymentBehavior, invoice, { before, params: p.items, now });
    } else {
      for (const l of [...lines, ...extraLines]) pendingItem(core, sub, l, now);
    }
  } else {
    for (const l of extraLines) pendingItem(core, sub, l, now);
  }

  // Last, so that `cancel_at_period_end` sees the billing period as the changes above left it.
  applySettings(core, sub, p, now, prev);
  if (Object.keys(prev).length > 0 || invoice) core.emit('customer.subscription.updated', sub, prev);
  return { invoice, prorationDate };
}
