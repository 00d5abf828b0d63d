import type { Core } from '../core.js';
import { upcomingRenewal } from '../resources/invoice-preview.js';
import { periodEndOf, periodStartOf } from '../resources/subscription-model.js';

const RENEWING = new Set(['active', 'trialing', 'past_due']);

/**
 * Stripe's `invoice.upcoming`: sent a configurable number of days (account setting, default 3;
 * here `core.timing.upcomingRenewalDays`) before a subscription renews, carrying the invoice the
 * renewal will produce. Nothing is sent for a subscription that will not renew (canceling,
 * collection paused) nor twice for the same renewal.
 */
function nextUpcomingNotice(core: Core, clockId: string | null): { at: number; run: () => void } | null {
  let best: { at: number; run: () => void } | null = null;
  const days = core.timing.upcomingRenewalDays;
  for (const sub of core.store.all(
    'subscription',
    (s) =>
      RENEWING.has(s.status) &&
      (s.test_clock ?? null) === clockId &&
      !s.cancel_at_period_end &&
      s.cancel_at === null &&
      s.pause_collection === null,
  )) {
    const renewal = sub.status === 'trialing' && sub.trial_end ? (sub.trial_end as number) : periodEndOf(core, sub);
    if (sub._upcoming_sent_for === renewal) continue;
    const at = Math.max(renewal - days * 86400, periodStartOf(core, sub));
    if (best && best.at <= at) continue;
    best = {
      at,
      run: () => {
        sub._upcoming_sent_for = renewal;
        const invoice = upcomingRenewal(core, sub);
        if (invoice) core.emit('invoice.upcoming', invoice);
      },
    };
  }
  return best;
}

export function registerUpcomingRenewals(core: Core): void {
  core.timeSources.push(nextUpcomingNotice);
}
