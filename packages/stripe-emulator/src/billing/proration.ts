import type { Core } from '../core.js';
import { newId } from '../ids.js';
import type { StripeObject } from '../store.js';
import { itemsOf } from '../resources/subscription-model.js';
import { formatDate, priceAmount, prorate } from './amounts.js';
import type { LineInput } from './invoice-builder.js';
import { isMetered } from './metered-usage.js';
import { productName } from './subscription-billing.js';

export interface ItemState {
  id: string;
  price: string;
  quantity: number;
}

export function snapshotItems(core: Core, sub: StripeObject): ItemState[] {
  return itemsOf(core, sub.id).map((si) => ({ id: si.id, price: si.price, quantity: si.quantity ?? 0 }));
}

function label(core: Core, price: StripeObject, quantity: number): string {
  return quantity === 1 ? productName(core, price) : `${quantity} × ${productName(core, price)}`;
}

/** Stores a pending invoice item (proration or add_invoice_items) for the next invoice. */
export function pendingItem(core: Core, sub: StripeObject, line: LineInput, now: number): StripeObject {
  const ii: StripeObject = {
    id: newId('ii'),
    object: 'invoiceitem',
    amount: line.amount,
    currency: line.currency,
    customer: sub.customer,
    customer_account: null,
    date: now,
    description: line.description,
    discountable: line.discountable ?? true,
    discounts: [],
    invoice: null,
    livemode: false,
    metadata: line.metadata ?? {},
    net_amount: line.amount,
    parent: {
      subscription_details: { subscription: sub.id, subscription_item: line.subscriptionItem },
      type: 'subscription_details',
    },
    period: line.period,
    pricing: line.price
      ? {
          price_details: { price: line.price.id, product: line.price.product },
          type: 'price_details',
          unit_amount_decimal: line.price.unit_amount_decimal ?? null,
        }
      : null,
    proration: line.proration,
    quantity: line.quantity ?? 1,
    quantity_decimal: String(line.quantity ?? 1),
    tax_rates: [],
    test_clock: sub.test_clock ?? null,
  };
  core.store.put(ii);
  core.emit('invoiceitem.created', ii);
  return ii;
}

/**
 * Credit for unused time on the old items and charge for remaining time on the new ones,
 * each prorated by the second from the proration date to the period end. Only licensed items
 * prorate: a metered item is billed its usage in arrears, so there is no paid-for time to credit
 * or charge (Stripe makes no proration lines for it, whatever its price's flat fees).
 */
export function prorationLines(
  core: Core,
  sub: StripeObject,
  before: ItemState[],
  after: ItemState[],
  period: { start: number; end: number },
  at: number,
  chargeRemaining: boolean,
): LineInput[] {
  const lines: LineInput[] = [];
  const changed = (a: ItemState, b: ItemState | undefined) => !b || a.price !== b.price || a.quantity !== b.quantity;
  const date = formatDate(at);
  for (const old of before) {
    const now = after.find((x) => x.id === old.id);
    if (chargeRemaining && !changed(old, now)) continue;
    const price = core.store.find('price', old.price);
    if (isMetered(price)) continue;
    const full = priceAmount(price, old.quantity, core.store.getAny(price.id)?._tiers);
    const amount = -prorate(full, period.start, period.end, at);
    lines.push({
      amount,
      currency: price.currency,
      description: `Unused time on ${label(core, price, old.quantity)} after ${date}`,
      period: { start: at, end: period.end },
      quantity: old.quantity,
      price,
      proration: true,
      subscription: sub.id,
      subscriptionItem: old.id,
      invoiceItem: null,
    });
  }
  if (!chargeRemaining) return lines;
  for (const next of after) {
    const old = before.find((x) => x.id === next.id);
    if (!changed(next, old)) continue;
    const price = core.store.find('price', next.price);
    if (isMetered(price)) continue;
    const full = priceAmount(price, next.quantity, core.store.getAny(price.id)?._tiers);
    const amount = prorate(full, period.start, period.end, at);
    lines.push({
      amount,
      currency: price.currency,
      description: `Remaining time on ${label(core, price, next.quantity)} after ${date}`,
      period: { start: at, end: period.end },
      quantity: next.quantity,
      price,
      proration: true,
      subscription: sub.id,
      subscriptionItem: next.id,
      invoiceItem: null,
    });
  }
  return lines;
}
