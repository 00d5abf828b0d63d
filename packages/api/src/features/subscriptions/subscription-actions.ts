import type { ActionState, PortalConfiguration, SubscriptionActions } from '@portal/contract';
import type Stripe from 'stripe';
import { actionUnavailable, featureDisabled } from '../../refusals';
import { productIdOf } from '../../stripe/ids';

export type ActionName = keyof SubscriptionActions;

const ok: ActionState = { allowed: true, reason: null };
const no = (reason: string): ActionState => ({ allowed: false, reason });

const ENDED = new Set(['canceled', 'incomplete_expired']);

/** Pending cancellation: `cancel_at_period_end`, or a `cancel_at` date (Stripe now sets both). */
export const cancelPending = (sub: Stripe.Subscription) => sub.cancel_at_period_end || sub.cancel_at !== null;

/**
 * What the configuration and the subscription's state allow, with a stable reason when not. The
 * overview shows it; every mutation enforces the same answer, so the UI and the server never differ.
 */
export function subscriptionActions(sub: Stripe.Subscription, config: PortalConfiguration): SubscriptionActions {
  const { subscription_update: update, subscription_cancel: cancel, subscription_pause: pause } = config.features;
  const ended = ENDED.has(sub.status);
  const offered = new Set(update.products.map((p) => p.product));

  const change = !update.enabled
    ? no('not_configured')
    : ended
      ? no('subscription_ended')
      : sub.status === 'incomplete'
        ? no('payment_incomplete')
        : sub.status === 'paused'
          ? no('paused')
          : sub.schedule
            ? no('scheduled_change_pending')
            : cancelPending(sub)
              ? no('pending_cancellation')
              : !sub.items.data.some((i) => offered.has(productIdOf(i.price)))
                ? no('not_offered')
                : ok;

  return {
    change,
    cancel: !cancel.enabled
      ? no('not_configured')
      : ended
        ? no('subscription_ended')
        : cancelPending(sub) && cancel.mode === 'at_period_end'
          ? no('already_canceling')
          : ok,
    reactivate: ended ? no('subscription_ended') : cancelPending(sub) ? ok : no('not_canceling'),
    pause: !pause.enabled
      ? no('not_configured')
      : ended
        ? no('subscription_ended')
        : sub.pause_collection
          ? no('already_paused')
          : cancelPending(sub)
            ? no('pending_cancellation')
            : sub.status === 'active' || sub.status === 'trialing'
              ? ok
              : no('not_active'),
    // Resuming and undoing a scheduled change are never switched off: a customer can always undo.
    resume: ended ? no('subscription_ended') : sub.pause_collection ? ok : no('not_paused'),
    cancelScheduledChange: sub.schedule && !ended ? ok : no('no_scheduled_change'),
  };
}

/** The FEATURE_DISABLED detail of each action, as the catalogs name it (`error.FEATURE_DISABLED.<detail>`). */
const FEATURE_OF: Record<ActionName, string> = {
  change: 'change',
  cancel: 'cancel',
  reactivate: 'reactivate',
  pause: 'pause',
  resume: 'resume',
  cancelScheduledChange: 'cancel_scheduled_change',
};

/** English notes for API consumers and logs; customers read the catalogs' wording. */
const disabledMessages: Record<ActionName, string> = {
  change: 'Plan changes are not available in this billing portal.',
  cancel: 'Cancelling is not available in this billing portal; please contact us.',
  reactivate: 'Reactivation is not available in this billing portal.',
  pause: 'Pausing payments is not available in this billing portal.',
  resume: 'Resuming is not available in this billing portal.',
  cancelScheduledChange: 'Scheduled changes cannot be undone here.',
};

const stateMessages: Record<string, string> = {
  subscription_ended: 'This subscription has ended.',
  payment_incomplete: 'This subscription is waiting for its first payment.',
  paused: 'This subscription is paused.',
  scheduled_change_pending: 'A change is already scheduled for this subscription; undo it first.',
  pending_cancellation: 'This subscription is set to cancel; reactivate it first.',
  not_offered: 'This plan cannot be changed here.',
  already_canceling: 'This subscription is already set to cancel.',
  not_canceling: 'This subscription is not set to cancel.',
  already_paused: 'Payments for this subscription are already paused.',
  not_active: 'Only an active subscription can be paused.',
  not_paused: 'Payments for this subscription are not paused.',
  no_scheduled_change: 'There is no scheduled change to undo.',
};

/** Throws the refusal that matches the policy's answer: FORBIDDEN when configured off, else BAD_REQUEST. */
export function assertAllowed(actions: SubscriptionActions, name: ActionName): void {
  const state = actions[name];
  if (state.allowed) return;
  if (state.reason === 'not_configured') throw featureDisabled(FEATURE_OF[name], disabledMessages[name]);
  throw actionUnavailable(
    state.reason ?? 'unavailable',
    stateMessages[state.reason ?? ''] ?? 'This action is not available for this subscription.',
  );
}
