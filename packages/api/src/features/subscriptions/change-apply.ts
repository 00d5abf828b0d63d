import type { ChangeOutput } from '@portal/contract';
import type Stripe from 'stripe';
import type { Deps } from '../../context';
import { toTRPCError } from '../../errors';
import { appliedBefore } from './applied-before';
import { periodEndOf } from '../../mappers/subscription';
import { assertAllowed } from './subscription-actions';
import type { PlannedItem } from './change-timing';
import { checkProrationDate } from './change-preview';
import type { ChangePlan } from './plan-change';
import { reloadView, viewOf } from './subscription-view';
import { SUBSCRIPTION_EXPAND } from './subscription-scope';
import { idOf } from '../../stripe/ids';

type StripeKey = (action: string) => string;

const phaseItems = (items: PlannedItem[]) => items.map((i) => ({ price: i.price.id, quantity: i.quantity }));

/**
 * Applies a previewed change with the preview's own proration date, so Stripe charges exactly what
 * was shown. `error_if_incomplete`: a declined card changes nothing and the customer sees why.
 */
export async function applyChangeNow(
  deps: Deps,
  plan: ChangePlan,
  prorationDate: number,
  stripeKey: StripeKey,
): Promise<ChangeOutput> {
  const { sub, config } = plan.scope;
  const updated = await deps.stripe.subscriptions.update(
    sub.id,
    {
      items: plan.stripeItems,
      proration_behavior: config.features.subscription_update.proration_behavior,
      proration_date: prorationDate,
      payment_behavior: 'error_if_incomplete',
      ...(plan.discounts ? { discounts: plan.discounts } : {}),
      expand: SUBSCRIPTION_EXPAND,
    },
    { idempotencyKey: stripeKey('subscription.change') },
  );
  const before = idOf(sub.latest_invoice);
  const latest = typeof updated.latest_invoice === 'object' ? updated.latest_invoice : null;
  const invoice =
    latest && latest.id && latest.id !== before
      ? {
          id: latest.id,
          total: { amount: latest.total, currency: latest.currency },
          amountPaid: { amount: latest.amount_paid, currency: latest.currency },
          status: latest.status ?? 'draft',
        }
      : null;
  return { subscription: await viewOf(deps, updated, config), timing: 'now', invoice };
}

/** Confirms a planned change: booked for the period end, or applied now at the preview's proration date. */
export async function confirmChange(
  deps: Deps,
  plan: ChangePlan,
  prorationDate: number,
  stripeKey: StripeKey,
): Promise<ChangeOutput> {
  if (plan.timing === 'period_end') return scheduleChange(deps, plan, stripeKey);
  checkProrationDate(plan, prorationDate, deps.now());
  return applyChangeNow(deps, plan, prorationDate, stripeKey);
}

/**
 * A downgrade waits for the period end: a schedule made from the subscription keeps today's items
 * until the period ends, then the new ones, and releases the subscription (Stripe's own portal does
 * the same). If the phases cannot be set, the fresh schedule is released so nothing half-done stays.
 */
export async function scheduleChange(deps: Deps, plan: ChangePlan, stripeKey: StripeKey): Promise<ChangeOutput> {
  const { sub, config } = plan.scope;
  const schedule = await deps.stripe.subscriptionSchedules.create(
    { from_subscription: sub.id },
    { idempotencyKey: stripeKey('subscription.change.schedule') },
  );
  const current = schedule.phases[0];
  const keep = (sub.discounts ?? []).map((d) => ({ discount: idOf(d) }));
  const recurring = plan.after[0]!.price.recurring;
  const phases: Stripe.SubscriptionScheduleUpdateParams.Phase[] = [
    {
      items: phaseItems(plan.before),
      start_date: current?.start_date ?? 'now',
      end_date: current?.end_date ?? periodEndOf(sub) ?? 'now',
      ...(keep.length ? { discounts: keep } : {}),
    },
    {
      items: phaseItems(plan.after),
      proration_behavior: 'none',
      duration: { interval: recurring?.interval ?? 'month', interval_count: recurring?.interval_count ?? 1 },
      ...(plan.discounts ? { discounts: plan.discounts } : keep.length ? { discounts: keep } : {}),
    },
  ];
  try {
    await deps.stripe.subscriptionSchedules.update(
      schedule.id,
      { end_behavior: 'release', proration_behavior: 'none', phases },
      { idempotencyKey: stripeKey('subscription.change.phases') },
    );
  } catch (error) {
    // A transient failure is retried by the client with the same key: the create then replays this
    // schedule and the phases apply. Releasing it here would make that retry hit a released schedule.
    if (toTRPCError(error).code === 'SERVICE_UNAVAILABLE') throw error;
    await deps.stripe.subscriptionSchedules
      .release(schedule.id, {}, { idempotencyKey: stripeKey('subscription.change.rollback') })
      .catch((e: unknown) =>
        deps.log.error({ err: e, schedule: schedule.id }, 'could not release a half-made schedule'),
      );
    throw error;
  }
  return { subscription: await reloadView(deps, sub.id, config), timing: 'period_end', invoice: null };
}

/** Undoes a scheduled change: releasing the schedule leaves the subscription as it is today. */
export async function releaseScheduledChange(deps: Deps, scope: ChangePlan['scope'], stripeKey: StripeKey) {
  assertAllowed(scope.actions, 'cancelScheduledChange');
  const { sub } = scope;
  const scheduleId = typeof sub.schedule === 'string' ? sub.schedule : (sub.schedule?.id ?? '');
  await deps.stripe.subscriptionSchedules.release(
    scheduleId,
    {},
    { idempotencyKey: stripeKey('subscription.cancelScheduledChange') },
  );
  return reloadView(deps, sub.id, scope.config);
}

/**
 * The subscription's schedule was created by this very request (same idempotency key) on an
 * earlier attempt whose answer was lost: the retry may finish booking it instead of being refused
 * as "a change is already scheduled".
 */
export async function isOwnPendingSchedule(
  deps: Deps,
  scope: ChangePlan['scope'],
  stripeKey: StripeKey,
): Promise<boolean> {
  if (scope.actions.change.allowed || scope.actions.change.reason !== 'scheduled_change_pending') return false;
  const scheduleId = idOf(scope.sub.schedule);
  return scheduleId
    ? appliedBefore(deps, scheduleId, 'subscription_schedule.created', stripeKey('subscription.change.schedule'))
    : false;
}

/**
 * A retry of a change Stripe already applied (the first answer was lost) finds the plan already
 * in place and would be refused as "nothing to change"; the event carrying this key proves it was
 * this very request, so the retry answers with the current subscription instead (decision 007).
 */
export async function changeAppliedBefore(deps: Deps, subscriptionId: string, stripeKey: StripeKey): Promise<boolean> {
  return appliedBefore(deps, subscriptionId, 'customer.subscription.updated', stripeKey('subscription.change'));
}
