import type Stripe from 'stripe';
import { isStripeMissing } from '../refusals';

/**
 * Products and prices change rarely and are shared by every customer, so one process-wide copy
 * serves all overviews and the plan picker (Stripe's expansion depth stops at the price; the
 * product name would cost a call per subscription).
 */
export interface CatalogCache {
  product(id: string): Promise<Stripe.Product | undefined>;
  price(id: string): Promise<Stripe.Price | undefined>;
  /** Starts loading in the background, so a cold overview fetches the catalog in parallel. */
  warm(): void;
  invalidate(): void;
}

interface Catalog {
  products: Map<string, Stripe.Product>;
  prices: Map<string, Stripe.Price>;
}

export function createCatalogCache(stripe: Stripe, opts: { ttlMs?: number; now?: () => number } = {}): CatalogCache {
  const ttlMs = opts.ttlMs ?? 5 * 60_000;
  const now = opts.now ?? Date.now;
  let loaded: { at: number; catalog: Promise<Catalog> } | null = null;

  async function load(): Promise<Catalog> {
    const [products, prices] = await Promise.all([
      stripe.products.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 }),
      stripe.prices.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 }),
    ]);
    return { products: new Map(products.map((p) => [p.id, p])), prices: new Map(prices.map((p) => [p.id, p])) };
  }

  function current() {
    if (!loaded || now() - loaded.at > ttlMs) {
      const catalog = load();
      loaded = { at: now(), catalog };
      // A failed load must not be cached: the next caller tries again.
      catalog.catch(() => {
        if (loaded?.catalog === catalog) loaded = null;
      });
    }
    return loaded.catalog;
  }

  /** A hit from the cache, else one retrieve that is kept (an object created after the last load). */
  async function lookup<T>(map: Map<string, T>, id: string, fetch: () => Promise<T>): Promise<T | undefined> {
    const hit = map.get(id);
    if (hit) return hit;
    try {
      const fetched = await fetch();
      map.set(id, fetched);
      return fetched;
    } catch (error) {
      if (isStripeMissing(error)) return undefined;
      throw error;
    }
  }

  return {
    async product(id) {
      const { products } = await current();
      return lookup(products, id, () => stripe.products.retrieve(id));
    },
    async price(id) {
      const { prices } = await current();
      return lookup(prices, id, () => stripe.prices.retrieve(id));
    },
    warm() {
      current().catch(() => {});
    },
    invalidate() {
      loaded = null;
    },
  };
}
