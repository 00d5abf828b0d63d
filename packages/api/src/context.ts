import type { Database } from '@portal/db';
import type { Kysely } from 'kysely';
import type Stripe from 'stripe';
import type { CatalogCache } from './services/catalog-cache';

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Everything a procedure may touch arrives here: no module singletons (tests build their own). */
export interface Deps {
  stripe: Stripe;
  db: Kysely<Database>;
  catalog: CatalogCache;
  now: () => Date;
  log: Logger;
}

/** Who the verified session or token says is calling; the adapter proves it, never the input. */
export interface Identity {
  userId: string;
  email: string;
  name: string | null;
  role: 'customer' | 'support';
}

export interface Viewer extends Identity {
  /** The Stripe customer the viewer's billing belongs to, from the user → customer link. */
  customerId: string | null;
  readOnly: boolean;
}

export interface Context extends Deps {
  viewer: Viewer | null;
}
