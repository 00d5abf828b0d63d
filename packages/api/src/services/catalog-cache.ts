import type Stripe from 'stripe';

/**
 * Products change rarely and are shared by every customer, so one process-wide copy serves all
 * overviews (Stripe's expansion depth stops at the price; the product name would cost a call).
 */
export interface CatalogCache {
  product(id: string): Promise<Stripe.Product | undefined>;
  invalidate(): void;
}

export function createCatalogCache(stripe: Stripe, opts: { ttlMs?: number; now?: () => number } = {}): CatalogCache {
  const ttlMs = opts.ttlMs ?? 5 * 60_000;
  const now = opts.now ?? Date.now;
  let loaded: { at: number; products: Promise<Map<string, Stripe.Product>> } | null = null;

  async function loadProducts(): Promise<Map<string, Stripe.Product>> {
    const products = new Map<string, Stripe.Product>();
    for await (const product of stripe.products.list({ limit: 100 })) products.set(product.id, product);
    return products;
  }

  function current() {
    if (!loaded || now() - loaded.at > ttlMs) {
      const products = loadProducts();
      loaded = { at: now(), products };
      // A failed load must not be cached: the next caller tries again.
      products.catch(() => {
        if (loaded?.products === products) loaded = null;
      });
    }
    return loaded.products;
  }

  return {
    async product(id) {
      const products = await current();
      const hit = products.get(id);
      if (hit) return hit;
      // A product created after the last load: fetch it once and keep it.
      const fetched = await stripe.products.retrieve(id);
      products.set(id, fetched);
      return fetched;
    },
    invalidate() {
      loaded = null;
    },
  };
}
