import { Interval, type Money } from '@portal/contract';
import type Stripe from 'stripe';
import { productIdOf } from '../stripe/ids';

export const unitAmountOf = (price: Stripe.Price): Money | null =>
  price.unit_amount === null ? null : { amount: price.unit_amount, currency: price.currency };

export function intervalOf(price: Stripe.Price): { interval: Interval; intervalCount: number } {
  return {
    interval: Interval.catch('month').parse(price.recurring?.interval),
    intervalCount: price.recurring?.interval_count ?? 1,
  };
}

export function productNameOf(price: Stripe.Price, product: Stripe.Product | undefined): string {
  return product && !('deleted' in product && product.deleted) ? product.name : (price.nickname ?? productIdOf(price));
}

/** One line of a plan as every view shows it (current items, scheduled items, previews). */
export function toPricedLine(price: Stripe.Price, product: Stripe.Product | undefined, quantity: number) {
  return {
    productName: productNameOf(price, product),
    priceId: price.id,
    unitAmount: unitAmountOf(price),
    ...intervalOf(price),
    quantity,
  };
}
