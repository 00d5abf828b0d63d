import { ErrorReason, type HostedFlow, type HostedSessionInput, type HostedSessionOutput } from '@portal/contract';
import type Stripe from 'stripe';
import { selectConfiguration } from '../config';
import type { Deps } from '../context';
import { badRequest, notFound } from '../refusals';
import { loadCustomer, loadSubscriptionScope } from './subscription-scope';
import { isAllowedReturnUrl } from './return-url';

type StripeKey = (action: string) => string;

/**
 * A session in Stripe's hosted portal, the fallback for anything this portal does not do. The
 * return URL must be on the allow-list (an open redirect otherwise); a deep link's subscription,
 * item and price are checked like everywhere else.
 */
export async function createHostedSession(deps: Deps, customerId: string, input: Omit<HostedSessionInput, 'idempotencyKey'>, stripeKey: StripeKey): Promise<HostedSessionOutput> {
  if (!isAllowedReturnUrl(input.returnUrl, deps.returnUrlAllowlist)) throw badRequest('returnUrl is not on the list of allowed return URLs.', ErrorReason.returnUrlNotAllowed);
  const known = [deps.portalConfig.default, ...Object.values(deps.portalConfig.segments)].map((c) => c.stripe_configuration);
  if (input.configuration && !known.includes(input.configuration)) throw badRequest('Unknown portal configuration.');
  const customer = await loadCustomer(deps, customerId);
  const configuration = input.configuration ?? selectConfiguration(deps.portalConfig, customer).stripe_configuration;
  const flow = input.flow ? await flowData(deps, customerId, input.flow, input.returnUrl) : undefined;
  const session = await deps.stripe.billingPortal.sessions.create(
    { customer: customerId, return_url: input.returnUrl, ...(configuration ? { configuration } : {}), ...(flow ? { flow_data: flow } : {}) },
    { idempotencyKey: stripeKey('portal.hostedSession') },
  );
  return { url: session.url };
}

async function flowData(deps: Deps, customerId: string, flow: HostedFlow, returnUrl: string): Promise<Stripe.BillingPortal.SessionCreateParams.FlowData> {
  const after_completion = { type: 'redirect' as const, redirect: { return_url: returnUrl } };
  if (flow.type === 'payment_method_update') return { type: flow.type, after_completion };
  const scope = await loadSubscriptionScope(deps, customerId, flow.subscriptionId);
  if (flow.type === 'subscription_cancel') return { type: flow.type, after_completion, subscription_cancel: { subscription: scope.sub.id } };
  if (flow.type === 'subscription_update') return { type: flow.type, after_completion, subscription_update: { subscription: scope.sub.id } };
  const item = scope.sub.items.data.find((i) => i.id === flow.item.itemId);
  if (!item) throw notFound('Subscription item');
  const offered = scope.config.features.subscription_update.products.some((p) => p.prices.includes(flow.item.priceId ?? item.price.id));
  if (flow.item.priceId && !offered) throw notFound('Price');
  return {
    type: flow.type,
    after_completion,
    subscription_update_confirm: {
      subscription: scope.sub.id,
      items: [{ id: item.id, ...(flow.item.priceId ? { price: flow.item.priceId } : {}), ...(flow.item.quantity !== undefined ? { quantity: flow.item.quantity } : {}) }],
    },
  };
}
