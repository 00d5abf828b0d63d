import { ErrorReason, type SubscriptionView } from '@portal/contract';
import type { Deps } from '../../context';
import { assertAllowed } from './subscription-actions';
import { badRequest } from '../../refusals';
import { retriedAfterApply } from './cancellation';
import { viewOf } from './subscription-view';
import { SUBSCRIPTION_EXPAND, type SubscriptionScope } from './subscription-scope';

type StripeKey = (action: string) => string;

const MAX_PAUSE_DAYS = 366;

/**
 * Pauses collection (`pause_collection`, behaviour `void`): the subscription stays active, its
 * invoices are voided, and Stripe resumes by itself at `resumesAt` when one is given.
 */
export async function pauseSubscription(
  deps: Deps,
  scope: SubscriptionScope,
  resumesAt: string | undefined,
  stripeKey: StripeKey,
  action = 'subscription.pause',
): Promise<SubscriptionView> {
  if (action === 'subscription.pause') {
    if (await retriedAfterApply(deps, scope, 'pause', stripeKey(action))) return viewOf(deps, scope.sub, scope.config);
    assertAllowed(scope.actions, 'pause');
  }
  let resumes: number | undefined;
  if (resumesAt) {
    resumes = Math.floor(Date.parse(resumesAt) / 1000);
    const now = Math.floor(deps.now().getTime() / 1000);
    if (resumes <= now)
      throw badRequest('Choose a resume date in the future.', ErrorReason.invalidResumeDate, { detail: 'past' });
    if (resumes > now + MAX_PAUSE_DAYS * 86_400)
      throw badRequest('Payments can be paused for a year at most.', ErrorReason.invalidResumeDate, {
        detail: 'too_far',
        params: { maxDays: MAX_PAUSE_DAYS },
      });
  }
  const updated = await deps.stripe.subscriptions.update(
    scope.sub.id,
    {
      pause_collection: { behavior: 'void', ...(resumes ? { resumes_at: resumes } : {}) },
      expand: SUBSCRIPTION_EXPAND,
    },
    { idempotencyKey: stripeKey(action) },
  );
  return viewOf(deps, updated, scope.config);
}

export async function resumeSubscription(
  deps: Deps,
  scope: SubscriptionScope,
  stripeKey: StripeKey,
): Promise<SubscriptionView> {
  if (await retriedAfterApply(deps, scope, 'resume', stripeKey('subscription.resume')))
    return viewOf(deps, scope.sub, scope.config);
  assertAllowed(scope.actions, 'resume');
  const updated = await deps.stripe.subscriptions.update(
    scope.sub.id,
    { pause_collection: '', expand: SUBSCRIPTION_EXPAND },
    { idempotencyKey: stripeKey('subscription.resume') },
  );
  return viewOf(deps, updated, scope.config);
}
