import type { Core } from '../core.js';
import type { StripeObject } from '../store.js';
import { periodEndOf } from '../resources/subscription-model.js';
import { attemptPayment, voidInvoice } from './invoicing.js';
import { cancelNow, renewSubscription } from './subscription-billing.js';

export type { TimeSource } from '../internal-events.js';

/** Stripe announces the end of a trial three days ahead (or at once for shorter trials). */
function nextTrialWillEnd(core: Core, clockId: string | null): { at: number; run: () => void } | null {
  let best: { at: number; run: () => void } | null = null;
  for (const sub of core.store.all(
    'subscription',
    (s) => s.status === 'trialing' && !s._trial_will_end_sent && (s.test_clock ?? null) === clockId && s.trial_end,
  )) {
    const at = Math.max(sub.trial_end - 3 * 86400, sub.trial_start ?? sub.created);
    if (best && best.at <= at) continue;
    best = {
      at,
      run: () => {
        sub._trial_will_end_sent = true;
        core.emit('customer.subscription.trial_will_end', sub);
      },
    };
  }
  return best;
}

/** The next moment something happens to this subscription on its own, or null. */
function nextBoundary(core: Core, sub: StripeObject): number | null {
  if (['canceled', 'incomplete_expired', 'paused'].includes(sub.status)) return null;
  if (sub.status === 'incomplete') return (sub.created as number) + 23 * 3600;
  const candidates = [periodEndOf(core, sub)];
  if (sub.cancel_at !== null) candidates.push(sub.cancel_at);
  return Math.min(...candidates);
}

/**
 * Moves every subscription and open invoice on one clock (null = the real clock) forward to
 * that clock's time, in chronological order: renewals, trial ends, cancellations, retries.
 */
export function processTime(core: Core, clockId: string | null): void {
  const to = core.nowFor(clockId);
  for (let guard = 0; guard < 5000; guard++) {
    let best: { at: number; run: () => void } | null = null;
    // Sources (trial notices, then those the modules registered: upcoming invoices, pending
    // updates, schedule phases) come first so they win ties with renewals.
    for (const source of [nextTrialWillEnd, ...core.timeSources]) {
      const next = source(core, clockId);
      if (next && next.at <= to && (!best || next.at < best.at)) best = next;
    }
    for (const sub of core.store.all('subscription', (s) => (s.test_clock ?? null) === clockId)) {
      const at = nextBoundary(core, sub);
      if (at === null || at > to || (best && best.at <= at)) continue;
      best = {
        at,
        run: () => {
          if (sub.status === 'incomplete') {
            const prev = { status: sub.status };
            sub.status = 'incomplete_expired';
            sub.ended_at = at;
            for (const inv of core.store.all(
              'invoice',
              (i) => i.parent?.subscription_details?.subscription === sub.id && i.status === 'open',
            ))
              voidInvoice(core, inv);
            core.emit('customer.subscription.updated', sub, prev);
          } else renewSubscription(core, sub, at);
        },
      };
    }
    for (const inv of core.store.all(
      'invoice',
      (i) => (i.test_clock ?? null) === clockId && i.status === 'open' && i.next_payment_attempt !== null,
    )) {
      const at = inv.next_payment_attempt as number;
      if (at > to || (best && best.at <= at)) continue;
      best = { at, run: () => retryInvoice(core, inv) };
    }
    if (!best) return;
    const { at, run } = best;
    core.atTime(at, run);
  }
}

function retryInvoice(core: Core, invoice: StripeObject): void {
  const result = attemptPayment(core, invoice, { offSession: true, automatic: true });
  if (result.ok || invoice.next_payment_attempt !== null) return;
  // Retries exhausted: Stripe's default subscription setting cancels the subscription.
  const subId = invoice.parent?.subscription_details?.subscription;
  const sub = subId ? core.store.get(subId) : undefined;
  if (sub && sub.status === 'past_due') cancelNow(core, sub, core.nowFor(invoice.test_clock), 'payment_failed');
}
