import { PortalConfigFile } from '@portal/contract';
import { createDb, customerLinksRepo, type DbHandle } from '@portal/db';
import { createEmulator, DEMO } from '@portal/stripe-emulator';
import Stripe from 'stripe';
import type { Deps, Identity } from '../src/context';
import { createCaller } from '../src/root';
import { createCatalogCache } from '../src/stripe/catalog-cache';
import { createChangeHub } from '../src/features/live-updates/change-hub';
import { resolveViewer } from '../src/viewer/viewer';

const silent = { info() {}, warn() {}, error() {} };

/** The demo catalog offered for plan changes, as an operator would configure it. */
export const testPortalConfig = PortalConfigFile.parse({
  default: {
    id: 'test',
    features: {
      subscription_update: {
        enabled: true,
        default_allowed_updates: ['price', 'quantity', 'promotion_code'],
        products: [
          { product: DEMO.products.starter, prices: [DEMO.prices.starterMonthly, DEMO.prices.starterYearly] },
          { product: DEMO.products.pro, prices: [DEMO.prices.proMonthly, DEMO.prices.proYearly] },
          { product: DEMO.products.business, prices: [DEMO.prices.businessMonthly, DEMO.prices.businessYearly] },
          {
            product: DEMO.products.team,
            prices: [DEMO.prices.teamMonthly, DEMO.prices.teamYearly],
            adjustable_quantity: { enabled: true, minimum: 1, maximum: 50 },
          },
        ],
      },
      subscription_pause: { enabled: true },
    },
  },
});

/** Procedures called directly (createCaller) with the emulator behind the official SDK. */
export async function apiHarness() {
  const emulator = createEmulator({ seed: 'demo' });
  const stripe = new Stripe('sk_test_api', { httpClient: emulator.httpClient });
  const handle: DbHandle = await createDb({ kind: 'pglite' });
  const deps: Deps = {
    stripe,
    db: handle.db,
    catalog: createCatalogCache(stripe),
    portalConfig: testPortalConfig,
    returnUrlAllowlist: ['https://app.example.com'],
    now: () => new Date(),
    log: silent,
    changes: createChangeHub(),
    publishableKey: 'pk_test_api',
  };

  async function callerFor(identity: Identity | null, link?: string) {
    if (identity && link) {
      await handle.db
        .insertInto('users')
        .values({
          id: identity.userId,
          email: identity.email,
          name: identity.name,
          role: identity.role,
          password_hash: null,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await customerLinksRepo(handle.db).link(identity.userId, link);
    }
    return createCaller({ ...deps, viewer: await resolveViewer(deps, identity) });
  }
  return { emulator, stripe, deps, callerFor, close: () => handle.close() };
}

export const customer = (userId: string): Identity => ({
  userId,
  email: `${userId}@example.com`,
  name: userId,
  role: 'customer',
});
