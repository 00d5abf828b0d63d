import type { OverviewOutput } from '@portal/contract';
import type Stripe from 'stripe';
import type { Deps } from '../context';
import { toSubscriptionView } from '../mappers/subscription';

/** One cold overview is a single round of parallel Stripe calls (customer, subscriptions, catalog). */
export async function loadOverview(deps: Deps, customerId: string): Promise<OverviewOutput> {
  const [customer, subscriptions] = await Promise.all([
    deps.stripe.customers.retrieve(customerId),
    deps.stripe.subscriptions
      .list({ customer: customerId, status: 'all', limit: 100, expand: ['data.items.data.price'] })
      .autoPagingToArray({ limit: 1000 }),
  ]);
  const products = new Map<string, Stripe.Product>();
  await Promise.all(
    subscriptions.flatMap((s) =>
      s.items.data.map(async (item) => {
        const id = typeof item.price.product === 'string' ? item.price.product : item.price.product.id;
        const product = await deps.catalog.product(id);
        if (product) products.set(id, product);
      }),
    ),
  );
  const live = 'deleted' in customer && customer.deleted ? null : (customer as Stripe.Customer);
  return {
    customer: { id: customerId, name: live?.name ?? null, email: live?.email ?? null },
    subscriptions: subscriptions.map((s) => toSubscriptionView(s, (id) => products.get(id))),
  };
}
