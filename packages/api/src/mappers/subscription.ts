import { Interval, SubscriptionStatus, type PlanView, type SubscriptionView } from '@portal/contract';
import type Stripe from 'stripe';

const iso = (unix: number | null | undefined) => (unix ? new Date(unix * 1000).toISOString() : null);

export function toPlanView(item: Stripe.SubscriptionItem, product: Stripe.Product | undefined): PlanView {
  const price = item.price;
  const productId = typeof price.product === 'string' ? price.product : price.product.id;
  return {
    itemId: item.id,
    productId,
    productName: product && !('deleted' in product && product.deleted) ? product.name : (price.nickname ?? productId),
    priceId: price.id,
    unitAmount: price.unit_amount === null ? null : { amount: price.unit_amount, currency: price.currency },
    interval: Interval.catch('month').parse(price.recurring?.interval),
    intervalCount: price.recurring?.interval_count ?? 1,
    quantity: item.quantity ?? 1,
  };
}

export function toSubscriptionView(
  sub: Stripe.Subscription,
  productOf: (id: string) => Stripe.Product | undefined,
): SubscriptionView {
  const items = sub.items.data.map((item) => {
    const p = item.price.product;
    return toPlanView(item, productOf(typeof p === 'string' ? p : p.id));
  });
  // Periods live on items; the subscription renews when its earliest item does.
  const periodEnds = sub.items.data.map((i) => i.current_period_end).filter((n) => n > 0);
  return {
    id: sub.id,
    // Stripe may add statuses; an unknown one shows as needing attention rather than failing the page.
    status: SubscriptionStatus.catch('incomplete').parse(sub.status),
    items,
    currentPeriodEnd: iso(periodEnds.length ? Math.min(...periodEnds) : null),
    trialEnd: iso(sub.trial_end),
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    cancelAt: iso(sub.cancel_at),
  };
}
