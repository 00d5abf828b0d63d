import type Stripe from 'stripe';
import type { Deps } from '../context';
import type { CatalogLookup } from '../mappers/schedule';
import { productIdOf } from './ids';

/**
 * Resolves prices and their products from the catalog cache up front, so mappers stay synchronous.
 * Warm, this costs no Stripe call; cold, it is the catalog load already started in parallel.
 */
export async function loadCatalogLookup(deps: Pick<Deps, 'catalog'>, priceIds: string[]): Promise<CatalogLookup> {
  const prices = new Map<string, Stripe.Price>();
  const products = new Map<string, Stripe.Product>();
  await Promise.all(
    [...new Set(priceIds)].map(async (id) => {
      const price = await deps.catalog.price(id);
      if (!price) return;
      prices.set(id, price);
      const product = await deps.catalog.product(productIdOf(price));
      if (product) products.set(product.id, product);
    }),
  );
  return { priceOf: (id) => prices.get(id), productOf: (id) => products.get(id) };
}
