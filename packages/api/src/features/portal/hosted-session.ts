import { ErrorReason, type HostedFlow, type HostedSessionInput, type HostedSessionOutput } from '@portal/contract';
import type Stripe from 'stripe';
import { selectConfiguration } from '../../config';
import type { Deps } from '../../context';
import { assertAllowed } from '../subscriptions/subscription-actions';
import { actionUnavailable, badRequest, featureDisabled } from '../../refusals';
import { customerWithConfig } from '../../viewer/guards';
import { planChange } from '../subscriptions/plan-change';
import { loadCustomer, loadSubscriptionScope } from '../subscriptions/subscription-scope';
import { isAllowedReturnUrl } from './return-url';

type StripeKey = (action: string) => string;

/**
 * A session in Stripe's hosted portal, the fallback for anything this portal does not do. The
 * return URL must be on the allow-list (an open redirect otherwise); a deep link's subscription,
 * item and price are checked like everywhere else.
 */
export async function createHostedSession(
  deps: Deps,
  customerId: string,
  input: Omit<HostedSessionInput, 'idempotencyKey'>,
  stripeKey: StripeKey,
): Promise<HostedSessionOutput> {
  if (!isAllowedReturnUrl(input.returnUrl, deps.returnUrlAllowlist))
    throw badRequest('returnUrl is not on the list of allowed return URLs.', ErrorReason.returnUrlNotAllowed);
  const known = [deps.portalConfig.default, ...Object.values(deps.portalConfig.segments)].map(
    (c) => c.stripe_configuration,
  );
  if (input.configuration && !known.includes(input.configuration))
    throw badRequest('Unknown portal configuration.', ErrorReason.unknownConfiguration);
  const customer = await loadCustomer(deps, customerId);
  const configuration = input.configuration ?? selectConfiguration(deps.portalConfig, customer).stripe_configuration;
  const flow = input.flow ? await flowData(deps, customerId, input.flow, input.returnUrl) : undefined;
  const session = await deps.stripe.billingPortal.sessions.create(
    {
      customer: customerId,
      return_url: input.returnUrl,
      ...(configuration ? { configuration } : {}),
      ...(flow ? { flow_data: flow } : {}),
    },
    { idempotencyKey: stripeKey('portal.hostedSession') },
  );
  return { url: session.url };
}

/**
 * A deep link is an entry point like any other (issue 15, item 2): it passes the very policy the
 * in-portal action does before a session exists. Allowed prices, quantity range, adjustable
 * quantity and state rules come from `planChange`; a change the configuration books for the period
 * end is refused here, where only the in-portal flow can book it as a schedule the customer sees.
 */
async function flowData(
  deps: Deps,
  customerId: string,
  flow: HostedFlow,
  returnUrl: string,
): Promise<Stripe.BillingPortal.SessionCreateParams.FlowData> {
  const after_completion = { type: 'redirect' as const, redirect: { return_url: returnUrl } };
  if (flow.type === 'payment_method_update') {
    const { config } = await customerWithConfig(deps, customerId);
    if (!config.features.payment_method_update.enabled)
      throw featureDisabled('payment_methods', 'Payment methods cannot be changed in this billing portal.');
    return { type: flow.type, after_completion };
  }
  const scope = await loadSubscriptionScope(deps, customerId, flow.subscriptionId);
  if (flow.type === 'subscription_cancel') {
    assertAllowed(scope.actions, 'cancel');
    return { type: flow.type, after_completion, subscription_cancel: { subscription: scope.sub.id } };
  }
  if (flow.type === 'subscription_update') {
    assertAllowed(scope.actions, 'change');
    return { type: flow.type, after_completion, subscription_update: { subscription: scope.sub.id } };
  }
  const plan = await planChange(deps, scope, { subscriptionId: scope.sub.id, items: [flow.item] });
  if (plan.timing === 'period_end')
    throw actionUnavailable(
      'period_end_change',
      'This change takes effect at the end of your billing period: make it here in the portal, where it is booked for that date.',
    );
  return {
    type: flow.type,
    after_completion,
    subscription_update_confirm: {
      subscription: scope.sub.id,
      items: plan.stripeItems.map((i) => ({
        id: i.id!,
        ...(i.price ? { price: i.price } : {}),
        ...(i.quantity !== undefined ? { quantity: i.quantity } : {}),
      })),
    },
  };
}
