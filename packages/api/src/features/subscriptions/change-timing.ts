import type Stripe from 'stripe';
import type { SubscriptionScope } from './subscription-scope';

export interface PlannedItem {
  /** Null for an item the change adds. */
  itemId: string | null;
  price: Stripe.Price;
  quantity: number;
}

type Condition = 'decreasing_item_amount' | 'shortening_interval';

const DAYS: Record<string, number> = { day: 1, week: 7, month: 30, year: 365 };
const intervalDays = (price: Stripe.Price) =>
  price.recurring ? (DAYS[price.recurring.interval] ?? 30) * price.recurring.interval_count : 0;
const amountOf = (i: PlannedItem) => (i.price.unit_amount ?? 0) * i.quantity;

/**
 * Whether a change waits for the period end (Stripe's `schedule_at_period_end.conditions`).
 * An interval switch is judged only by `shortening_interval`: comparing a yearly amount with a
 * monthly one would call every switch to yearly a "decrease" and defer what customers pay now for.
 * With the same interval, any item that gets cheaper (or is removed) makes the change a downgrade,
 * which keeps what the customer already paid for until the period ends.
 */
export function decideTiming(
  scope: SubscriptionScope,
  before: PlannedItem[],
  after: PlannedItem[],
  conditions: Condition[],
): 'now' | 'period_end' {
  if (conditions.length === 0 || scope.sub.status === 'trialing') return 'now';
  const oldDays = intervalDays(before[0]!.price);
  const newDays = intervalDays(after[0]!.price);
  if (oldDays !== newDays)
    return conditions.includes('shortening_interval') && newDays < oldDays ? 'period_end' : 'now';
  if (!conditions.includes('decreasing_item_amount')) return 'now';
  const decreased = before.some((b) => {
    const a = after.find((x) => x.itemId === b.itemId);
    return !a || amountOf(a) < amountOf(b);
  });
  return decreased ? 'period_end' : 'now';
}
