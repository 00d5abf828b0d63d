import type { ScheduledChangeView } from '@portal/contract';
import type Stripe from 'stripe';
import { isoOf } from './time';
import { toPricedLine } from './price';
import { productIdOf } from '../stripe/ids';
import { idOf } from '../stripe/ids';

export interface CatalogLookup {
  productOf(id: string): Stripe.Product | undefined;
  priceOf(id: string): Stripe.Price | undefined;
}

const priceIdOf = (p: string | Stripe.Price | Stripe.DeletedPrice) => idOf(p);

/** The phase that follows the current one: the change the customer booked for later. */
export function nextPhase(schedule: Stripe.SubscriptionSchedule): Stripe.SubscriptionSchedule.Phase | null {
  if (schedule.status !== 'active' && schedule.status !== 'not_started') return null;
  const currentEnd = schedule.current_phase?.end_date ?? 0;
  return schedule.phases.find((p) => p.start_date >= currentEnd && p.start_date > 0) ?? null;
}

/** Price ids a schedule refers to, so the caller can fetch them from the catalog beforehand. */
export function schedulePriceIds(schedule: Stripe.SubscriptionSchedule | string | null): string[] {
  if (!schedule || typeof schedule === 'string') return [];
  return nextPhase(schedule)?.items.map((i) => priceIdOf(i.price)) ?? [];
}

export function toScheduledChangeView(
  schedule: Stripe.SubscriptionSchedule | string | null,
  catalog: CatalogLookup,
): ScheduledChangeView | null {
  if (!schedule || typeof schedule === 'string') return null;
  const phase = nextPhase(schedule);
  if (!phase) return null;
  const items = phase.items.flatMap((item) => {
    const price =
      typeof item.price === 'object' && !('deleted' in item.price && item.price.deleted)
        ? (item.price as Stripe.Price)
        : catalog.priceOf(priceIdOf(item.price));
    return price ? [toPricedLine(price, catalog.productOf(productIdOf(price)), item.quantity ?? 1)] : [];
  });
  return { scheduleId: schedule.id, effectiveAt: isoOf(phase.start_date), items };
}
