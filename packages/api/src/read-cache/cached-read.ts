import type { z } from 'zod';
import type { Deps } from '../context';
import type { CatalogCache } from '../stripe/catalog-cache';
import type { ReadCache } from './read-cache';

/** A read through the customer's cache when the server has one (tests may run without it). */
export function cachedRead<T>(
  deps: Pick<Deps, 'readCache'>,
  customerId: string,
  slot: string,
  load: () => Promise<T>,
): Promise<T> {
  return deps.readCache ? deps.readCache.read(customerId, slot, load) : load();
}

/**
 * A cached read of a screen's view, checked against its contract once, when it is read from
 * Stripe. The procedures built on it declare no `.output()`: tRPC would parse the same cached view
 * again on every warm read, which was the largest single cost of answering one. What a client
 * receives is still always a view that passed the contract: only checked views are cached.
 */
export function cachedView<S extends z.ZodType>(
  deps: Pick<Deps, 'readCache'>,
  customerId: string,
  slot: string,
  contract: S,
  load: () => Promise<z.input<S>>,
): Promise<z.output<S>> {
  return cachedRead(deps, customerId, slot, async () => contract.parse(await load()));
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
