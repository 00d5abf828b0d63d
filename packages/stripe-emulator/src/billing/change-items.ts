import type { Core } from '../core.js';
import { invalidRequest } from '../errors.js';
import type { Params } from '../params.js';
import type { StripeObject } from '../store.js';
import { checkPriceUsable, intervalOf, itemsOf, newItem, priceForItem } from '../resources/subscription-model.js';
import { mergeMetadata } from '../resources/shared.js';

/**
 * Applies `items[]` to the subscription (replace price/quantity, add, delete), then checks the
 * resulting set as Stripe does: at least one item, no price twice, one billing interval.
 */
export function applyItems(core: Core, sub: StripeObject, items: Params[] | undefined, now: number): void {
  if (!items) return;
  const { store } = core;
  items.forEach((p, i) => {
    const param = `items[${i}]`;
    if (p.id) {
      const si = store.findReferenced('subscription_item', p.id, `${param}[id]`);
      if (si.subscription !== sub.id)
        throw invalidRequest(
          `The subscription item ${p.id} does not belong to subscription ${sub.id}.`,
          `${param}[id]`,
        );
      if (p.deleted) {
        store.markDeleted(si.id);
        return;
      }
      if (p.price || p.price_data || p.plan) {
        const price = priceForItem(core, p, param);
        checkPriceUsable(price, `${param}[price]`, sub.currency);
        // Stripe (classic billing mode) bills a metered price only for usage from when the item took it.
        if (si.price !== price.id) si._price_since = now;
        si.price = price.id;
        si.plan = price.id;
        if (price.recurring?.usage_type === 'metered') delete si.quantity;
        else si.quantity = p.quantity ?? si.quantity ?? 1;
      } else if (p.quantity !== undefined) si.quantity = p.quantity;
      if (p.metadata !== undefined) si.metadata = mergeMetadata(si.metadata, p.metadata);
      return;
    }
    if (p.deleted) throw invalidRequest('An item to delete needs its `id`.', `${param}[id]`);
    const price = priceForItem(core, p, param);
    checkPriceUsable(price, `${param}[price]`, sub.currency);
    const item = newItem(core, sub.id, price, p, now);
    item._price_since = now;
    store.put(item);
  });
  const after = itemsOf(core, sub.id);
  // An added item shares the subscription's current period (classic billing mode), so renewals
  // and previews (a metered item's usage window) see a real period rather than none.
  const dated = after.find((si) => si.current_period_end);
  for (const si of after.filter((x) => !x.current_period_end && dated)) {
    si.current_period_start = dated!.current_period_start;
    si.current_period_end = dated!.current_period_end;
  }
  if (after.length === 0)
    throw invalidRequest(
      'A subscription must have at least one active plan. To cancel a subscription, please use the cancel API endpoint.',
      'items',
    );
  const seen = new Set<string>();
  let first: { interval: string; count: number } | null = null;
  for (const si of after) {
    if (seen.has(si.price))
      throw invalidRequest(`Cannot add multiple subscription items with the same price: ${si.price}`, 'items');
    seen.add(si.price);
    const iv = intervalOf(store.find('price', si.price));
    if (first && (first.interval !== iv.interval || first.count !== iv.count))
      throw invalidRequest(
        'Currency and interval fields must match across all plans on this subscription. Found mismatch in interval field.',
        'items',
      );
    first ??= iv;
  }
}
