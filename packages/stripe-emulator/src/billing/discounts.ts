import type { Core } from '../core.js';
import { invalidRequest, missingParameter } from '../errors.js';
import { addIntervals } from './periods.js';
import { newId } from '../ids.js';
import type { Params } from '../params.js';
import type { StripeObject } from '../store.js';

/** Whether a coupon can still be redeemed at `now`. */
function couponValid(c: StripeObject, now: number): boolean {
  if (c.redeem_by !== null && now > c.redeem_by) return false;
  if (c.max_redemptions !== null && c.times_redeemed >= c.max_redemptions) return false;
  return true;
}

/** What a discount is for: who redeems it and, when known, the amount it would discount. */
export interface DiscountTarget {
  customer: string;
  subscription?: string | null;
  subscriptionItem?: string | null;
  invoice?: string | null;
  /** The recurring amount being bought (a subscription's items), for `minimum_amount`. */
  amount?: { value: number; currency: string };
}

/**
 * Stripe's refusal of a promotion code: an invalid request naming the param. Stripe's error-code
 * list (the SDK's union) has no code for a code that cannot be redeemed, so none is sent, except
 * `coupon_expired` for an expired code as Stripe does.
 */
const promoRefused = (message: string, param: string, code?: 'coupon_expired') =>
  invalidRequest(message, `${param}[promotion_code]`, code);

/** Whether the customer ever paid an invoice with money (Stripe's "first-time transaction"). */
function hasPaid(core: Core, customer: string): boolean {
  return (
    core.store.all('invoice', (i) => i.customer === customer && i.status === 'paid' && i.amount_paid > 0).length > 0
  );
}

/**
 * Turns one `discounts[]` entry (`{ coupon } | { promotion_code } | { discount }`) into a stored
 * Discount for a customer/subscription, validating it like Stripe does: the code's own limits
 * (active, expiry, redemptions, customer) and restrictions (first-time transaction, minimum
 * amount), then the coupon's (redeem_by, max_redemptions).
 */
export function createDiscount(
  core: Core,
  entry: Params,
  target: DiscountTarget,
  param: string,
  now: number,
): StripeObject {
  const { store } = core;
  if (entry.discount) {
    const existing = store.findReferenced('discount', entry.discount, `${param}[discount]`);
    return existing;
  }
  let coupon: StripeObject;
  let promo: StripeObject | null = null;
  if (entry.promotion_code) {
    promo = store.findReferenced('promotion_code', entry.promotion_code, `${param}[promotion_code]`);
    if (!promo.active) throw promoRefused('This promotion code is inactive.', param);
    if (promo.expires_at !== null && now > promo.expires_at)
      throw promoRefused('This promotion code has expired.', param, 'coupon_expired');
    if (promo.max_redemptions !== null && promo.times_redeemed >= promo.max_redemptions)
      throw promoRefused('This promotion code has reached its maximum number of redemptions.', param);
    if (promo.customer && promo.customer !== target.customer)
      throw promoRefused('This promotion code cannot be redeemed by this customer.', param);
    const r = promo.restrictions;
    if (r.first_time_transaction && hasPaid(core, target.customer))
      throw promoRefused(
        'This promotion code can only be redeemed by customers who have never made a purchase.',
        param,
      );
    if (r.minimum_amount !== null && target.amount) {
      const currency = r.minimum_amount_currency ?? target.amount.currency;
      if (currency !== target.amount.currency || target.amount.value < r.minimum_amount)
        throw promoRefused(`This promotion code requires a minimum amount of ${r.minimum_amount} ${currency}.`, param);
    }
    coupon = store.findReferenced('coupon', promo.promotion.coupon, `${param}[promotion_code]`);
  } else if (entry.coupon) {
    coupon = store.findReferenced('coupon', entry.coupon, `${param}[coupon]`);
  } else throw missingParameter(`${param}[coupon]`);
  if (!couponValid(coupon, now))
    throw invalidRequest(`Coupon expired: ${coupon.id}`, `${param}[coupon]`, 'coupon_expired');
  coupon.times_redeemed += 1;
  coupon.valid = couponValid(coupon, now);
  if (promo) promo.times_redeemed += 1;
  const discount: StripeObject = {
    id: newId('di'),
    object: 'discount',
    checkout_session: null,
    customer: target.customer,
    customer_account: null,
    // Calendar months, as Stripe counts them: a 2-month coupon from 1 Jan covers the 1 Feb invoice, not the 1 Mar one.
    end:
      coupon.duration === 'repeating' && coupon.duration_in_months
        ? addIntervals(now, 'month', coupon.duration_in_months, 1)
        : null,
    invoice: target.invoice ?? null,
    invoice_item: null,
    promotion_code: promo?.id ?? null,
    source: { coupon: coupon.id, type: 'coupon' },
    start: now,
    subscription: target.subscription ?? null,
    subscription_item: target.subscriptionItem ?? null,
  };
  return store.put(discount);
}

/**
 * A whole `discounts` array for a subscription: a coupon may appear once (Stripe refuses the same
 * coupon twice, which is what kept a re-sent promotion code from stacking), then each entry is
 * validated and stored.
 */
export function createDiscounts(core: Core, entries: Params[], target: DiscountTarget, now: number): string[] {
  const couponOf = (e: Params): string | null => {
    if (e.discount) return core.store.get(e.discount)?.source?.coupon ?? null;
    if (e.promotion_code) return core.store.get(e.promotion_code)?.promotion?.coupon ?? null;
    return e.coupon ?? null;
  };
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    const coupon = couponOf(e);
    if (coupon && seen.has(coupon))
      throw invalidRequest(
        `The coupon ${coupon} is already applied: each coupon can be applied only once.`,
        `discounts[${i}]`,
      );
    if (coupon) seen.add(coupon);
  });
  return entries.map((d, i) => createDiscount(core, d, target, `discounts[${i}]`, now).id);
}

/** Discount amount a coupon takes off `amount` (never more than the amount). */
export function discountAmount(coupon: StripeObject, amount: number, currency: string): number {
  if (amount <= 0) return 0;
  if (coupon.percent_off !== null) return Math.round((amount * coupon.percent_off) / 100);
  if (coupon.amount_off !== null && (coupon.currency === null || coupon.currency === currency))
    return Math.min(coupon.amount_off, amount);
  return 0;
}
