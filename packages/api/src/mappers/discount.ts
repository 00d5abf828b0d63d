import type { DiscountView } from '@portal/contract';
import type Stripe from 'stripe';
import { iso } from './time';

/** A discount as the customer reads it; an unexpanded id (no details to show) is skipped. */
export function toDiscountView(discount: string | Stripe.Discount | Stripe.DeletedDiscount): DiscountView | null {
  if (typeof discount === 'string' || ('deleted' in discount && discount.deleted)) return null;
  const d = discount as Stripe.Discount;
  // Coupons moved under `source` in recent API versions.
  const coupon = typeof d.source.coupon === 'object' ? d.source.coupon : null;
  const promo = typeof d.promotion_code === 'object' && d.promotion_code ? d.promotion_code.code : null;
  return {
    id: d.id,
    name: coupon?.name ?? promo ?? null,
    percentOff: coupon?.percent_off ?? null,
    amountOff:
      coupon?.amount_off != null && coupon.currency ? { amount: coupon.amount_off, currency: coupon.currency } : null,
    duration:
      coupon && ['forever', 'once', 'repeating'].includes(coupon.duration)
        ? (coupon.duration as 'forever' | 'once' | 'repeating')
        : null,
    end: iso(d.end),
    promotionCode: promo,
  };
}
