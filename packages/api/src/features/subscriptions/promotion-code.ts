import { ErrorReason } from '@portal/contract';
import type Stripe from 'stripe';
import type { Deps } from '../../context';
import { productIdOf } from '../../stripe/ids';
import { badRequest } from '../../refusals';
import type { PlannedItem } from './change-timing';

/** What a code is checked against: who redeems it, what it already has, and what it will buy. */
export interface PromotionTarget {
  customer: Stripe.Customer;
  sub: Stripe.Subscription;
  /** The subscription's items after the change: the amount and products the code would discount. */
  after: PlannedItem[];
}

const invalid = () => badRequest('This promotion code is not valid or has expired.', ErrorReason.promotionCodeInvalid);
/** `detail` says which restriction the change does not meet: other_products, below_minimum, first_purchase_only. */
const notApplicable = (detail: string, why: string) =>
  badRequest(`This promotion code cannot be used for this change: ${why}.`, ErrorReason.promotionCodeNotApplicable, {
    detail,
  });
const idOf = (x: string | { id: string } | null | undefined) => (typeof x === 'string' ? x : (x?.id ?? null));
const usedUp = (max: number | null, used: number) => max !== null && used >= max;

/**
 * The one policy for a code a customer types, whatever the entry point (preview, confirm, the
 * hosted deep link): the same restrictions Stripe enforces, checked before anything is sent, so the
 * customer gets a translated reason instead of a Stripe error, and a code never stacks on itself
 * (issue 15, item 1: each confirm used to add WELCOME20 once more until invoices went negative).
 */
export async function resolvePromotionCode(
  deps: Deps,
  target: PromotionTarget,
  code: string,
): Promise<Stripe.PromotionCode> {
  const nowUnix = Math.floor(deps.now().getTime() / 1000);
  const found = await deps.stripe.promotionCodes.list({ code, limit: 10 });
  // A code restricted to another customer reads exactly like an unknown one.
  const promo = found.data.find(
    (p) => p.active && (idOf(p.customer) === null || idOf(p.customer) === target.customer.id),
  );
  if (
    !promo ||
    (promo.expires_at !== null && promo.expires_at <= nowUnix) ||
    usedUp(promo.max_redemptions, promo.times_redeemed)
  )
    throw invalid();
  const couponId = idOf(promo.promotion.coupon);
  if (!couponId) throw invalid();
  const coupon = await deps.stripe.coupons.retrieve(couponId, { expand: ['applies_to'] });
  if (
    !coupon.valid ||
    (coupon.redeem_by !== null && coupon.redeem_by <= nowUnix) ||
    usedUp(coupon.max_redemptions, coupon.times_redeemed)
  )
    throw invalid();

  if (appliedAlready(target, promo.id, coupon.id, nowUnix))
    throw badRequest('This promotion code is already applied.', ErrorReason.promotionCodeAlreadyApplied);

  const products = coupon.applies_to?.products ?? [];
  if (products.length > 0 && !target.after.some((i) => products.includes(productIdOf(i.price))))
    throw notApplicable('other_products', 'it is for other plans');
  const {
    minimum_amount: minimum,
    minimum_amount_currency: minimumCurrency,
    first_time_transaction: firstTimeOnly,
  } = promo.restrictions;
  if (minimum !== null && minimum > 0) {
    const currency = target.sub.currency;
    const amount = target.after.reduce((sum, i) => sum + (i.price.unit_amount ?? 0) * i.quantity, 0);
    if ((minimumCurrency ?? currency) !== currency || amount < minimum)
      throw notApplicable('below_minimum', 'the order is below its minimum amount');
  }
  if (firstTimeOnly && (await hasPaidBefore(deps, target.customer.id)))
    throw notApplicable('first_purchase_only', 'it is for a first purchase only');
  return promo;
}

/** The code, or another code for the same coupon, already discounts the subscription or the customer. */
function appliedAlready(target: PromotionTarget, promoId: string, couponId: string, nowUnix: number): boolean {
  const discounts = [...(target.sub.discounts ?? []), ...(target.customer.discount ? [target.customer.discount] : [])];
  return discounts.some((d) => {
    if (typeof d === 'string') return false;
    if (d.end !== null && d.end <= nowUnix) return false;
    return idOf(d.promotion_code) === promoId || idOf(d.source.coupon) === couponId;
  });
}

/** Stripe's "first-time transaction": the customer has never paid an invoice with money. */
async function hasPaidBefore(deps: Deps, customerId: string): Promise<boolean> {
  const paid = await deps.stripe.invoices.list({ customer: customerId, status: 'paid', limit: 100 });
  return paid.data.some((i) => i.amount_paid > 0);
}
