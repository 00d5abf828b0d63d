import type { PortalConfiguration } from '@portal/contract';
import type Stripe from 'stripe';
import { selectConfiguration } from '../../config';
import type { Deps } from '../../context';
import { subscriptionActions } from './subscription-actions';
import { isStripeMissing, notFound } from '../../refusals';
import { idOf } from '../../stripe/ids';
import { loadCustomer } from '../../viewer/guards';

export { loadCustomer };

export interface SubscriptionScope {
  customer: Stripe.Customer;
  config: PortalConfiguration;
  sub: Stripe.Subscription;
  actions: ReturnType<typeof subscriptionActions>;
}

/** What every subscription read and write expands, so views and checks see the same object. */
export const SUBSCRIPTION_EXPAND = [
  'schedule',
  'discounts.source.coupon',
  'discounts.promotion_code',
  'latest_invoice',
  'default_payment_method',
];

/** Stripe ids are word characters after a prefix; anything else cannot be ours and never reaches Stripe. */
const looksLike = (prefix: string, id: string) => new RegExp(`^${prefix}_\\w{1,250}$`).test(id);

/**
 * The viewer's customer, its configuration and one of its subscriptions, in one parallel round.
 * A subscription of another customer is NOT_FOUND, word for word like one that does not exist.
 */
export async function loadSubscriptionScope(
  deps: Deps,
  customerId: string,
  subscriptionId: string,
): Promise<SubscriptionScope> {
  if (!looksLike('sub', subscriptionId)) throw notFound('subscription');
  const [customer, sub] = await Promise.all([
    loadCustomer(deps, customerId),
    deps.stripe.subscriptions.retrieve(subscriptionId, { expand: SUBSCRIPTION_EXPAND }).catch((error: unknown) => {
      if (isStripeMissing(error)) return null;
      throw error;
    }),
  ]);
  const owner = sub && idOf(sub.customer);
  if (!sub || owner !== customerId) throw notFound('subscription');
  const config = selectConfiguration(deps.portalConfig, customer);
  return { customer, config, sub, actions: subscriptionActions(sub, config) };
}

export { looksLike };
