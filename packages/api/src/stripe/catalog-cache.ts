import type { CatalogMirrorRepo, StripeBudget } from '@portal/db';
import type Stripe from 'stripe';
import { isStripeMissing } from '../refusals';

/**
 * Products and prices change rarely and are shared by every customer, so one copy serves all
 * overviews and the plan picker (Stripe's expansion depth stops at the price; the product name
 * would cost a call per subscription). With a `store` the copy is mirrored in Postgres (issue 19):
 * a restarted instance, or another one, lists the plans without asking Stripe.
 */
export interface CatalogCache {
  product(id: string): Promise<Stripe.Product | undefined>;
  price(id: string): Promise<Stripe.Price | undefined>;
  /** Starts loading in the background, so a cold overview fetches the catalog in parallel. */
  warm(): void;
  /** The catalog changed in Stripe: the mirror is stale, and this instance forgets its copy. */
  invalidate(): Promise<void>;
  /** Forgets this instance's copy only (another instance already marked the mirror stale). */
  forget(): void;
}

export interface CatalogCacheOptions {
  /** How long this instance keeps its copy without looking at the mirror (or Stripe) again. */
  ttlMs?: number;
  now?: () => number;
  /** The Postgres mirror of the catalog, shared by every instance and kept across restarts. */
  store?: CatalogMirrorRepo;
  /** Catalog reads from Stripe draw from the request budget every instance shares. */
  budget?: StripeBudget;
}

interface Catalog {
  products: Map<string, Stripe.Product>;
  prices: Map<string, Stripe.Price>;
}

export function createCatalogCache(stripe: Stripe, opts: CatalogCacheOptions = {}): CatalogCache {
  const ttlMs = opts.ttlMs ?? 5 * 60_000;
  const now = opts.now ?? Date.now;
  const { store, budget } = opts;
  let loaded: { at: number; catalog: Promise<Catalog> } | null = null;

  async function fromStripe(): Promise<Catalog> {
    await budget?.take(2, 'user');
    const [products, prices] = await Promise.all([
      stripe.products.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 }),
      stripe.prices.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 }),
    ]);
    return { products: new Map(products.map((p) => [p.id, p])), prices: new Map(prices.map((p) => [p.id, p])) };
  }

  async function load(): Promise<Catalog> {
    if (!store) return fromStripe();
    const mirrored = await store.loadFresh();
    if (mirrored)
      return {
        products: new Map(mirrored.products.map((p) => [p.id, p.object as Stripe.Product])),
        prices: new Map(mirrored.prices.map((p) => [p.id, p.object as Stripe.Price])),
      };
    const readAt = await store.begin();
    const catalog = await fromStripe();
    await store.save(readAt, {
      products: [...catalog.products.values()].map((object) => ({ id: object.id, object })),
      prices: [...catalog.prices.values()].map((object) => ({ id: object.id, object })),
    });
    return catalog;
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

  /** A hit from the copy, else one retrieve that is kept (an object created after the last load). */
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
    async invalidate() {
      loaded = null;
      await store?.markDirty();
    },
    forget() {
      loaded = null;
    },
  };
}
