import type { Core } from '../core.js';
import type { Params } from '../params.js';
import type { StripeObject } from '../store.js';
import { cancelSubscription } from '../billing/cancel.js';
import { changeSubscription } from '../billing/change.js';
import type { ProrationBehavior } from '../billing/subscription-billing.js';
import type { TimeSource } from '../billing/timeline.js';
import { currentPhase, refreshCurrentPhase } from './subscription-schedule-phases.js';
import { itemsOf } from './subscription-model.js';

/**
 * The `items[]` update that turns the subscription's items into the phase's: items whose price
 * the phase keeps take its quantity, the others are deleted, and prices new to the phase are added.
 */
function itemChangesFor(current: StripeObject[], phase: Params): Params[] {
  const items: Params[] = current.map((si) => {
    const keep = phase.items.find((i: Params) => i.price === si.price);
    return keep ? { id: si.id, quantity: keep.quantity } : { id: si.id, deleted: true };
  });
  for (const i of phase.items as Params[])
    if (!current.some((si) => si.price === i.price)) items.push({ price: i.price, quantity: i.quantity });
  return items;
}

/**
 * After `phases` were replaced: when the phase running now lists other prices or quantities
 * than the subscription has, the subscription switches to them at once.
 */
export function applyCurrentPhase(
  core: Core,
  schedule: StripeObject,
  sub: StripeObject,
  now: number,
  prorationBehavior: ProrationBehavior | undefined,
): void {
  const ph = currentPhase(schedule, now);
  if (!ph) return;
  const current = itemsOf(core, sub.id);
  const same =
    current.length === ph.items.length &&
    ph.items.every((i: Params) => current.some((si) => si.price === i.price && (si.quantity ?? 1) === i.quantity));
  if (same) return;
  changeSubscription(core, sub, {
    items: itemChangesFor(current, ph),
    proration_behavior: prorationBehavior ?? ph.proration_behavior,
  });
}

/** A phase's discounts as `discounts` params (a phase without any leaves the subscription's alone). */
export function phaseDiscounts(phase: Params): Params[] | undefined {
  const list = (phase.discounts as Params[] | undefined) ?? [];
  if (list.length === 0) return undefined;
  return list.map((d) => Object.fromEntries(Object.entries(d).filter(([, v]) => v !== null)));
}

/** Moves the subscription onto the phase that starts at `at` (or ends the schedule). */
function transition(core: Core, schedule: StripeObject, at: number): void {
  const sub = schedule.subscription ? core.store.get(schedule.subscription) : undefined;
  const next = (schedule.phases as Params[]).find((ph) => ph.start_date === at);
  if (!sub || sub.status === 'canceled') {
    schedule.status = 'completed';
    schedule.completed_at = at;
    return;
  }
  if (next) {
    const items = itemChangesFor(itemsOf(core, sub.id), next);
    const discounts = phaseDiscounts(next);
    changeSubscription(core, sub, {
      items,
      proration_behavior: next.proration_behavior === 'create_prorations' ? 'none' : next.proration_behavior,
      ...(discounts ? { discounts } : {}),
    });
    refreshCurrentPhase(schedule, at);
    core.emit('subscription_schedule.updated', schedule);
    return;
  }
  // Past the last phase: release the subscription or cancel it.
  if (schedule.end_behavior === 'cancel') cancelSubscription(core, sub, {});
  schedule.status = schedule.end_behavior === 'cancel' ? 'completed' : 'released';
  if (schedule.status === 'released') {
    schedule.released_at = at;
    schedule.released_subscription = sub.id;
  } else schedule.completed_at = at;
  schedule.current_phase = null;
  sub.schedule = null;
  core.emit(
    schedule.status === 'released' ? 'subscription_schedule.released' : 'subscription_schedule.completed',
    schedule,
  );
}

/**
 * Starts a schedule created with `customer` + `phases`: its first phase becomes a new
 * subscription owned by the schedule, created through the API like any other.
 */
export function startSchedule(core: Core, schedule: StripeObject, at: number): void {
  const first = (schedule.phases as Params[])[0]!;
  const discounts = phaseDiscounts(first);
  const sub = core.call('POST', '/v1/subscriptions', {
    customer: schedule.customer,
    items: (first.items as Params[]).map((i) => ({
      price: i.price,
      quantity: i.quantity,
      ...(Object.keys(i.metadata ?? {}).length ? { metadata: i.metadata } : {}),
    })),
    ...(first.default_payment_method ? { default_payment_method: first.default_payment_method } : {}),
    ...(first.collection_method ? { collection_method: first.collection_method } : {}),
    ...(first.trial_end ? { trial_end: first.trial_end } : {}),
    ...(Object.keys(first.metadata ?? {}).length ? { metadata: first.metadata } : {}),
    ...(discounts ? { discounts } : {}),
  });
  core.store.find('subscription', sub.id).schedule = schedule.id;
  schedule.subscription = sub.id;
  schedule.status = 'active';
  refreshCurrentPhase(schedule, at);
}

/** For the timeline: the next phase start or end among this clock's schedules. */
export const nextScheduleTransition: TimeSource = (core, clockId) => {
  let best: { at: number; run: () => void } | null = null;
  for (const sc of core.store.all(
    'subscription_schedule',
    (x) => (x.status === 'active' || x.status === 'not_started') && (x.test_clock ?? null) === clockId,
  )) {
    const starting = sc.status === 'not_started';
    const at = (starting ? sc.phases[0]?.start_date : sc.current_phase?.end_date) as number | undefined;
    if (at === undefined || (best && best.at <= at)) continue;
    best = { at, run: () => (starting ? startSchedule(core, sc, at) : transition(core, sc, at)) };
  }
  return best;
};
