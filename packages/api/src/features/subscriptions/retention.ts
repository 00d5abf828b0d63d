import type { RetentionOfferView, SubscriptionView } from '@portal/contract';
import type Stripe from 'stripe';
import type { Deps } from '../../context';
import { toPricedLine } from '../../mappers/price';
import { productIdOf } from '../../stripe/ids';
import { isoOf } from '../../mappers/time';
import { actionUnavailable, isStripeMissing } from '../../refusals';
import { pauseSubscription } from './pause';
import { viewOf } from './subscription-view';
import { SUBSCRIPTION_EXPAND, type SubscriptionScope } from './subscription-scope';

type StripeKey = (action: string) => string;

/** Set once an offer is taken, so the same subscription cannot collect a retention coupon twice. */
export const RETENTION_METADATA_KEY = 'portal_retention_accepted';

interface Offer {
  view: RetentionOfferView;
  apply: (stripeKey: StripeKey) => Promise<SubscriptionView>;
}

/**
 * The configured offer for this subscription, or null when it does not fit: cancelling not
 * allowed, an offer already taken, a coupon gone or already applied, a pause while paused, or a
 * "cheaper" plan that is not cheaper or a subscription with several items.
 */
export async function retentionOffer(deps: Deps, scope: SubscriptionScope): Promise<Offer | null> {
  const offer = scope.config.features.subscription_cancel.retention;
  const { sub } = scope;
  if (!offer || !scope.actions.cancel.allowed || sub.metadata?.[RETENTION_METADATA_KEY]) return null;
  const mark = { metadata: { [RETENTION_METADATA_KEY]: isoOf(Math.floor(deps.now().getTime() / 1000)) } };
  const update = (params: Stripe.SubscriptionUpdateParams, key: string) => async (stripeKey: StripeKey) =>
    viewOf(
      deps,
      await deps.stripe.subscriptions.update(
        sub.id,
        { ...params, ...mark, expand: SUBSCRIPTION_EXPAND },
        { idempotencyKey: stripeKey(key) },
      ),
      scope.config,
    );
  // The operator's headline is shown verbatim; without one the client words the offer from its data.
  const base = { headline: offer.headline ?? null, coupon: null, resumesAt: null, months: null, plan: null };

  if (offer.type === 'coupon') {
    const coupon = await deps.stripe.coupons
      .retrieve(offer.coupon)
      .catch((e: unknown) => (isStripeMissing(e) ? null : Promise.reject(e)));
    const applied = (sub.discounts ?? []).some(
      (d) =>
        typeof d !== 'string' &&
        (typeof d.source.coupon === 'string' ? d.source.coupon : d.source.coupon?.id) === offer.coupon,
    );
    if (!coupon || !coupon.valid || applied) return null;
    const keep = (sub.discounts ?? []).map((d) => ({ discount: typeof d === 'string' ? d : d.id }));
    return {
      view: {
        ...base,
        type: 'coupon',
        coupon: {
          id: coupon.id,
          percentOff: coupon.percent_off,
          amountOff:
            coupon.amount_off !== null && coupon.currency
              ? { amount: coupon.amount_off, currency: coupon.currency }
              : null,
          duration: coupon.duration,
          durationInMonths: coupon.duration_in_months,
        },
      },
      apply: update({ discounts: [...keep, { coupon: coupon.id }] }, 'subscription.retention.coupon'),
    };
  }
  if (offer.type === 'pause') {
    if (sub.pause_collection || (sub.status !== 'active' && sub.status !== 'trialing')) return null;
    const resumes = new Date(deps.now());
    resumes.setUTCMonth(resumes.getUTCMonth() + offer.months);
    return {
      view: { ...base, type: 'pause', months: offer.months, resumesAt: resumes.toISOString() },
      apply: async (stripeKey) => {
        await deps.stripe.subscriptions.update(sub.id, mark, {
          idempotencyKey: stripeKey('subscription.retention.mark'),
        });
        return pauseSubscription(deps, scope, resumes.toISOString(), stripeKey, 'subscription.retention.pause');
      },
    };
  }
  const [item, ...others] = sub.items.data;
  const price = await deps.catalog.price(offer.price);
  if (!item || others.length > 0 || !price?.active || price.id === item.price.id) return null;
  const sameTerms =
    price.currency === item.price.currency &&
    price.recurring?.interval === item.price.recurring?.interval &&
    price.recurring?.interval_count === item.price.recurring?.interval_count;
  if (!sameTerms || (price.unit_amount ?? 0) >= (item.price.unit_amount ?? 0)) return null;
  const product = await deps.catalog.product(productIdOf(price));
  const line = toPricedLine(price, product, item.quantity ?? 1);
  return {
    view: {
      ...base,
      type: 'cheaper_plan',
      plan: {
        priceId: price.id,
        productName: line.productName,
        unitAmount: line.unitAmount,
        interval: line.interval,
        intervalCount: line.intervalCount,
      },
    },
    // No proration: the customer keeps what they paid for; the cheaper price starts next period.
    apply: update(
      { items: [{ id: item.id, price: price.id }], proration_behavior: 'none' },
      'subscription.retention.plan',
    ),
  };
}

export async function acceptRetentionOffer(
  deps: Deps,
  scope: SubscriptionScope,
  stripeKey: StripeKey,
): Promise<SubscriptionView> {
  const offer = await retentionOffer(deps, scope);
  if (!offer) throw actionUnavailable('no_offer', 'There is no offer for this subscription.');
  return offer.apply(stripeKey);
}
