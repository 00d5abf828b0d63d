import type { NextInvoiceView } from '@portal/contract';
import type Stripe from 'stripe';
import type { Deps } from '../../context';
import { periodEndOf } from '../../mappers/subscription';
import { isoOf } from '../../mappers/time';
import { cancelPending } from '../subscriptions/subscription-actions';

const RENEWING = new Set(['active', 'trialing', 'past_due']);

/**
 * When and how much Stripe will bill this subscription next: Stripe's own preview (discounts,
 * pending prorations, tax included). Nothing comes next for a subscription that ends at period end
 * or whose collection is paused. If the preview fails, the list prices stand in, so one flaky call
 * never blanks the overview.
 */
export async function nextInvoiceOf(
  deps: Deps,
  customerId: string,
  sub: Stripe.Subscription,
): Promise<NextInvoiceView | null> {
  if (!RENEWING.has(sub.status) || cancelPending(sub) || sub.pause_collection) return null;
  const at = sub.status === 'trialing' && sub.trial_end ? sub.trial_end : periodEndOf(sub);
  if (!at) return null;
  try {
    const preview = await deps.stripe.invoices.createPreview({ customer: customerId, subscription: sub.id });
    return {
      date: isoOf(preview.next_payment_attempt ?? preview.period_end ?? at),
      amount: { amount: preview.amount_due, currency: preview.currency },
    };
  } catch (error) {
    deps.log.warn({ err: error, subscription: sub.id }, 'invoice preview failed; showing list prices');
    const amount = sub.items.data.reduce((sum, i) => sum + (i.price.unit_amount ?? 0) * (i.quantity ?? 1), 0);
    return { date: isoOf(at), amount: { amount, currency: sub.currency } };
  }
}
