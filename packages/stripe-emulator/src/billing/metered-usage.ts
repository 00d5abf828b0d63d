import type { Core } from '../core.js';
import { aggregate, countedEvents } from '../resources/billing-meter-summaries.js';
import type { StripeObject } from '../store.js';
import { formatMoney, intervalLabel, priceAmount } from './amounts.js';
import type { LineInput } from './invoice-builder.js';

/** Whether a price is billed from a meter's usage (in arrears) rather than by quantity (in advance). */
export function isMetered(price: StripeObject | undefined): boolean {
  return price?.recurring?.usage_type === 'metered';
}

/** Usage recorded on the price's meter for the subscription's customer in `[start, end)`, per the meter's formula. */
export function usageFor(
  core: Core,
  sub: StripeObject,
  price: StripeObject,
  period: { start: number; end: number },
): number {
  const meter = price.recurring?.meter ? core.store.getAny(price.recurring.meter) : undefined;
  if (!meter) return 0;
  return aggregate(meter, countedEvents(core, meter, sub.customer, period.start, period.end));
}

/**
 * Metered items are billed in arrears: the line for a metered item covers `usagePeriod` (the
 * period that just ended, or for a preview the current one up to now) and charges the usage
 * aggregated over it, priced like any quantity (per unit or tiered). An item that took its price
 * (or was added) mid-period bills only the usage from then: Stripe's classic billing mode leaves
 * the usage before a switch from one meter price to another unbilled.
 */
export function meteredLine(
  core: Core,
  sub: StripeObject,
  si: { id: string },
  price: StripeObject,
  usagePeriod: { start: number; end: number },
  name: string,
): LineInput {
  const since = core.store.getAny(si.id)?._price_since as number | undefined;
  const period = { start: Math.max(usagePeriod.start, since ?? usagePeriod.start), end: usagePeriod.end };
  const quantity = usageFor(core, sub, price, period);
  const amount = priceAmount(price, quantity, core.store.getAny(price.id)?._tiers);
  const description =
    price.billing_scheme === 'tiered'
      ? `${quantity} × ${name} (Tiered)`
      : `${quantity} × ${name} (at ${formatMoney(price.unit_amount ?? 0, price.currency)} / ${intervalLabel(price)})`;
  return {
    amount,
    currency: price.currency,
    description,
    period,
    quantity,
    price,
    proration: false,
    subscription: sub.id,
    subscriptionItem: si.id,
    invoiceItem: null,
  };
}

/**
 * Lines billing the usage so far of the metered items among `items`, from `start` to `until`:
 * what a final invoice (`cancel` with `invoice_now`) or a reset billing cycle bills at once,
 * since the period whose end would have billed that usage never ends. Licensed items give none.
 */
export function usageUntil(
  core: Core,
  sub: StripeObject,
  items: { id: string; price: string }[],
  start: number,
  until: number,
): LineInput[] {
  return items.flatMap((si) => {
    const price = core.store.getAny(si.price);
    if (!price || !isMetered(price)) return [];
    const name = core.store.getAny(price.product)?.name ?? price.product;
    return [meteredLine(core, sub, si, price, { start, end: until }, name)];
  });
}
