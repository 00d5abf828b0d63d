import { createDb, customerLinksRepo, type DbHandle } from '@portal/db';
import { createEmulator } from '@portal/stripe-emulator';
import Stripe from 'stripe';
import type { Deps, Identity } from '../src/context';
import { createCaller } from '../src/root';
import { createCatalogCache } from '../src/services/catalog-cache';
import { resolveViewer } from '../src/viewer';

const silent = { info() {}, warn() {}, error() {} };

/** Procedures called directly (createCaller) with the emulator behind the official SDK. */
export async function apiHarness() {
  const emulator = createEmulator({ seed: 'demo' });
  const stripe = new Stripe('sk_test_api', { httpClient: emulator.httpClient });
  const handle: DbHandle = await createDb({ kind: 'pglite' });
  const deps: Deps = { stripe, db: handle.db, catalog: createCatalogCache(stripe), now: () => new Date(), log: silent };

  async function callerFor(identity: Identity | null, link?: string) {
    if (identity && link) {
      await handle.db.insertInto('users').values({ id: identity.userId, email: identity.email, name: identity.name, role: identity.role, password_hash: null }).onConflict((oc) => oc.doNothing()).execute();
      await customerLinksRepo(handle.db).link(identity.userId, link);
    }
    return createCaller({ ...deps, viewer: await resolveViewer(deps, identity) });
  }
  return { emulator, stripe, deps, callerFor, close: () => handle.close() };
}

export const customer = (userId: string): Identity => ({ userId, email: `${userId}@example.com`, name: userId, role: 'customer' });
