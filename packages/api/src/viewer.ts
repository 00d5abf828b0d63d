import { customerLinksRepo } from '@portal/db';
import type { Deps, Identity, Viewer } from './context';

/** Turns a verified identity into a viewer: the Stripe customer comes from our link table only. */
export async function resolveViewer(deps: Pick<Deps, 'db'>, identity: Identity | null): Promise<Viewer | null> {
  if (!identity) return null;
  const customerId = identity.role === 'customer' ? await customerLinksRepo(deps.db).customerIdFor(identity.userId) : null;
  return { ...identity, customerId, readOnly: false, impersonationId: null };
}
