import { customerLinksRepo, impersonationsRepo } from '@portal/db';
import type { Deps, Identity, Viewer } from './context';

/**
 * Turns a verified identity into a viewer: the Stripe customer comes from our link table only,
 * or, for a support agent, from their active (unexpired) view-as, which is always read-only.
 * A view-as is read from the database every time: stopping one must take effect at once.
 */
export async function resolveViewer(deps: Pick<Deps, 'db' | 'now' | 'customerLinks'>, identity: Identity | null): Promise<Viewer | null> {
  if (!identity) return null;
  if (identity.role === 'support') {
    const viewing = await impersonationsRepo(deps.db).active(identity.userId, deps.now());
    return viewing ? viewerOf(identity, viewing.customer_id, true, viewing.id) : viewerOf(identity, null, false, null);
  }
  const customerId = await (deps.customerLinks ?? customerLinksRepo(deps.db)).customerIdFor(identity.userId);
  return viewerOf(identity, customerId, false, null);
}

/**
 * Written out rather than spread from the identity: V8 gives a spread that is followed by more
 * properties a fresh hidden class per object on this path, and every property access downstream
 * (the whole procedure chain reads the viewer) then misses its inline cache.
 */
function viewerOf(identity: Identity, customerId: string | null, readOnly: boolean, impersonationId: string | null): Viewer {
  return { userId: identity.userId, email: identity.email, name: identity.name, role: identity.role, customerId, readOnly, impersonationId };
}
