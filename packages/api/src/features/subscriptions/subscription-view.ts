import type { PortalConfiguration, SubscriptionView } from '@portal/contract';
import type Stripe from 'stripe';
import type { Deps } from '../../context';
import { schedulePriceIds } from '../../mappers/schedule';
import { toSubscriptionView } from '../../mappers/subscription';
import { subscriptionActions } from './subscription-actions';
import { loadCatalogLookup } from '../../stripe/catalog-lookup';
import { SUBSCRIPTION_EXPAND } from './subscription-scope';

/** The view a mutation answers with: the subscription as it is now, and what may be done next. */
export async function viewOf(
  deps: Deps,
  sub: Stripe.Subscription,
  config: PortalConfiguration,
): Promise<SubscriptionView> {
  const catalog = await loadCatalogLookup(deps, [
    ...sub.items.data.map((i) => i.price.id),
    ...schedulePriceIds(sub.schedule),
  ]);
  return toSubscriptionView(sub, catalog, { actions: subscriptionActions(sub, config) });
}

/** Re-reads a subscription after a write that does not return it (schedules) with the usual expansions. */
export async function reloadView(
  deps: Deps,
  subscriptionId: string,
  config: PortalConfiguration,
): Promise<SubscriptionView> {
  const sub = await deps.stripe.subscriptions.retrieve(subscriptionId, { expand: SUBSCRIPTION_EXPAND });
  return viewOf(deps, sub, config);
}
