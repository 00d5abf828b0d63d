import type { NextInvoiceView } from '@portal/contract';
import type Stripe from 'stripe';
import { periodEndOf } from '../../mappers/subscription';
import { isoOf } from '../../mappers/time';
import type { NextInvoicePreview } from '../../mirror/billing-state';
import { cancelPending } from '../subscriptions/subscription-actions';

const RENEWING = new Set(['active', 'trialing', 'past_due']);

/** When Stripe will bill this subscription next; null when nothing comes next (ending, paused, over). */
function nextBillingAt(sub: Stripe.Subscription): number | null {
  if (!RENEWING.has(sub.status) || cancelPending(sub) || sub.pause_collection) return null;
  return sub.status === 'trialing' && sub.trial_end ? sub.trial_end : (periodEndOf(sub) ?? null);
}

export const needsPreview = (sub: Stripe.Subscription) => nextBillingAt(sub) !== null;

/**
 * When and how much Stripe will bill this subscription next: Stripe's own preview (discounts,
 * pending prorations, tax included). If the preview failed, the list prices stand in, so one flaky
 * call never blanks the overview.
 */
export function toNextInvoice(sub: Stripe.Subscription, preview: NextInvoicePreview): NextInvoiceView | null {
  const at = nextBillingAt(sub);
  if (at === null) return null;
  if (preview && preview !== 'failed') {
    return {
      date: isoOf(preview.next_payment_attempt ?? preview.period_end ?? at),
      amount: { amount: preview.amount_due, currency: preview.currency },
    };
  }
  const amount = sub.items.data.reduce((sum, i) => sum + (i.price.unit_amount ?? 0) * (i.quantity ?? 1), 0);
  return { date: isoOf(at), amount: { amount, currency: sub.currency } };
}
