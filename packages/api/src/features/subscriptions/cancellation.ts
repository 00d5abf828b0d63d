import { ErrorReason, type CancelInput, type SubscriptionView } from '@portal/contract';
import type Stripe from 'stripe';
import type { Deps } from '../../context';
import { assertAllowed } from './subscription-actions';
import { badRequest } from '../../refusals';
import { appliedBefore } from './applied-before';
import { viewOf } from './subscription-view';
import { SUBSCRIPTION_EXPAND, type SubscriptionScope } from './subscription-scope';
import { idOf } from '../../stripe/ids';

type StripeKey = (action: string) => string;

/**
 * Cancels now or at the period end, as the configuration says (the customer does not choose),
 * keeping their reason and comment in Stripe's `cancellation_details`. A pending scheduled change
 * is released first: a downgrade booked for a subscription that ends is moot.
 */
export async function cancelSubscription(
  deps: Deps,
  scope: SubscriptionScope,
  input: CancelInput,
  stripeKey: StripeKey,
): Promise<SubscriptionView> {
  if (await retriedAfterApply(deps, scope, 'cancel', stripeKey('subscription.cancel')))
    return viewOf(deps, scope.sub, scope.config);
  assertAllowed(scope.actions, 'cancel');
  const settings = scope.config.features.subscription_cancel;
  const surveyOn = settings.cancellation_reason.enabled;
  if (input.reason && surveyOn && !settings.cancellation_reason.options.includes(input.reason))
    throw badRequest('Choose one of the reasons offered.', ErrorReason.invalidCancellationReason);
  const details: Stripe.SubscriptionUpdateParams.CancellationDetails = {
    ...(input.reason && surveyOn ? { feedback: input.reason } : {}),
    ...(input.comment ? { comment: input.comment } : {}),
  };
  const { sub } = scope;
  if (sub.schedule) {
    const scheduleId = idOf(sub.schedule);
    await deps.stripe.subscriptionSchedules.release(
      scheduleId,
      {},
      { idempotencyKey: stripeKey('subscription.cancel.release') },
    );
  }
  const updated =
    settings.mode === 'immediately'
      ? await deps.stripe.subscriptions.cancel(
          sub.id,
          {
            cancellation_details: details,
            prorate: settings.proration_behavior === 'create_prorations',
            invoice_now: settings.proration_behavior === 'create_prorations',
            expand: SUBSCRIPTION_EXPAND,
          },
          { idempotencyKey: stripeKey('subscription.cancel') },
        )
      : await deps.stripe.subscriptions.update(
          sub.id,
          { cancel_at_period_end: true, cancellation_details: details, expand: SUBSCRIPTION_EXPAND },
          { idempotencyKey: stripeKey('subscription.cancel') },
        );
  return viewOf(deps, updated, scope.config);
}

/** Takes back a pending cancellation; `cancel_at: ''` clears a dated one too. */
export async function reactivateSubscription(
  deps: Deps,
  scope: SubscriptionScope,
  stripeKey: StripeKey,
): Promise<SubscriptionView> {
  if (await retriedAfterApply(deps, scope, 'reactivate', stripeKey('subscription.reactivate')))
    return viewOf(deps, scope.sub, scope.config);
  assertAllowed(scope.actions, 'reactivate');
  const params: Stripe.SubscriptionUpdateParams = scope.sub.cancel_at_period_end
    ? { cancel_at_period_end: false }
    : { cancel_at: '' };
  const updated = await deps.stripe.subscriptions.update(
    scope.sub.id,
    { ...params, expand: SUBSCRIPTION_EXPAND },
    { idempotencyKey: stripeKey('subscription.reactivate') },
  );
  return viewOf(deps, updated, scope.config);
}

/**
 * True when the policy refuses the action only because this same request (same key) already
 * applied it: the client is retrying an answer it never got, so it gets today's view, not a refusal.
 */
export async function retriedAfterApply(
  deps: Deps,
  scope: SubscriptionScope,
  action: 'cancel' | 'reactivate' | 'pause' | 'resume',
  key: string,
): Promise<boolean> {
  const state = scope.actions[action];
  if (state.allowed || state.reason === 'not_configured') return false;
  const type =
    action === 'cancel' && scope.config.features.subscription_cancel.mode === 'immediately'
      ? 'customer.subscription.deleted'
      : 'customer.subscription.updated';
  return appliedBefore(deps, scope.sub.id, type, key);
}
