import { customerLinksRepo, impersonationsRepo } from '@portal/db';
import type { Deps, Identity, Viewer } from '../context';

/**
 * Turns a verified identity into a viewer: the Stripe customer comes from our link table only,
 * or, for a support agent, from their active (unexpired) view-as, which is always read-only.
 * A view-as is read from the database every time: stopping one must take effect at once.
 */
export async function resolveViewer(
  deps: Pick<Deps, 'db' | 'now' | 'customerLinks'>,
  identity: Identity | null,
): Promise<Viewer | null> {
  if (!identity) return null;
  if (identity.role === 'support') {
    const viewing = await impersonationsRepo(deps.db).active(identity.userId, deps.now());
    return viewing ? viewerOf(identity, viewing.customer_id, true, viewing.id) : viewerOf(identity, null, false, null);
  }
  const customerId = await (deps.customerLinks ?? customerLinksRepo(deps.db)).customerIdFor(identity.userId);
  return viewerOf(identity, customerId, false, null);
}

function viewerOf(
  identity: Identity,
  customerId: string | null,
  readOnly: boolean,
  impersonationId: string | null,
): Viewer {
  return { ...identity, customerId, readOnly, impersonationId };
}
