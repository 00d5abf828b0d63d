import type { Deps } from '../context';
import type { CatalogCache } from './catalog-cache';
import type { ReadCache } from './read-cache';

/** A read through the customer's cache when the server has one (tests may run without it). */
export function cachedRead<T>(deps: Pick<Deps, 'readCache'>, customerId: string, slot: string, load: () => Promise<T>): Promise<T> {
  return deps.readCache ? deps.readCache.read(customerId, slot, load) : load();
}

/** After anything that may have changed the customer in Stripe: their next read goes to Stripe. */
export async function invalidateCustomer(deps: Pick<Deps, 'readCache'>, customerId: string | null): Promise<void> {
  if (customerId) await deps.readCache?.invalidate(customerId);
}

/**
 * The catalog as the read cache sees it: views carry product names and prices, so when a webhook
 * drops the catalog, every cached view goes too (on every instance).
 */
export function invalidatingCatalog(catalog: CatalogCache, readCache: ReadCache): CatalogCache {
  return {
    ...catalog,
    invalidate() {
      catalog.invalidate();
      void readCache.invalidateAll();
    },
  };
}
