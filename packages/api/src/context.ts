import type { PortalConfigFile } from '@portal/contract';
import type { CustomerLocks, Database } from '@portal/db';
import type { Kysely } from 'kysely';
import type Stripe from 'stripe';
import type { CatalogCache } from './stripe/catalog-cache';
import type { ChangeHub } from './features/live-updates/change-hub';
import type { CustomerLinks } from './features/customer/customer-links';
import type { Mirror } from './mirror/mirror';

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** Everything a procedure may touch arrives here: no module singletons (tests build their own). */
export interface Deps {
  stripe: Stripe;
  db: Kysely<Database>;
  /**
   * One customer's mutations run one at a time, across instances (issue 15, item 3); absent (some
   * tests), mutations are not serialised.
   */
  locks?: CustomerLocks;
  catalog: CatalogCache;
  /** Validated at start; `selectConfiguration` picks the customer's segment. */
  portalConfig: PortalConfigFile;
  /** Origins or URL prefixes a hosted-portal session may send the customer back to. */
  returnUrlAllowlist: string[];
  /** Per-customer change notifications (webhooks publish, `billing.changes` streams them to the SPA). */
  changes: ChangeHub;
  /** The user → customer links, remembered (the server); absent, each viewer reads the table. */
  customerLinks?: CustomerLinks;
  /** The Postgres mirror the screens read from; absent, screens read Stripe directly (some tests). */
  mirror?: Mirror;
  /** Handed to Stripe.js with a SetupIntent's client secret; public by design. */
  publishableKey: string;
  /** In emulator mode, the emulator's Stripe.js stand-in, loaded before @stripe/stripe-js; null with real Stripe. */
  stripeJsUrl?: string | null;
  now: () => Date;
  log: Logger;
  /** Open `billing.changes` streams one user may hold on one instance (default 5). */
  maxStreamsPerUser?: number;
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
  /** True for a support agent viewing a customer's portal: every mutation is refused. */
  readOnly: boolean;
  /** Set while a support agent views as a customer; audit rows carry it. */
  impersonationId: string | null;
}

export interface Context extends Deps {
  viewer: Viewer | null;
  /**
   * For a caller signed in with a revocable session: a signal that aborts when that session ends
   * (sign-out, "sign out everywhere", on any instance). Open streams end with it. The adapter
   * provides it; absent for host tokens and direct callers.
   */
  sessionEnded?: (() => { signal: AbortSignal; release(): void }) | undefined;
}
