import { auditRepo, webhookEventsRepo } from '@portal/db';
import type Stripe from 'stripe';
import type { Deps } from '../context';
import { invalidateCustomer } from '../services/cached-read';
import { resolverFor } from './resolve-target';

export type EventOutcome = 'applied' | 'duplicate' | 'ignored';

/**
 * Applies a verified Stripe event exactly once. The object is re-read from Stripe first (events
 * arrive out of order and may be stale); then one transaction claims the event id in the ledger
 * and writes the effect, so a concurrent duplicate loses the claim and its effect rolls back. The
 * change is announced only after commit, and the caller answers 2xx only after this resolves.
 */
export async function processStripeEvent(deps: Deps, event: Stripe.Event): Promise<EventOutcome> {
  if (await webhookEventsRepo(deps.db).seen(event.id)) return 'duplicate';
  const resolver = resolverFor(event.type);
  const target = resolver ? await resolver(deps, event) : null;

  const claimed = await deps.db.transaction().execute(async (trx) => {
    if (!(await webhookEventsRepo(trx).claim(event.id, event.type))) return false;
    if (target) {
      await auditRepo(trx).record({
        actorUserId: null,
        actorRole: 'system',
        customerId: target.customerId,
        action: `webhook:${event.type}`,
        inputSummary: { eventId: event.id, object: target.id },
        outcome: 'ok',
      });
    }
    return true;
  });
  if (!claimed) return 'duplicate';
  if (!target) return 'ignored';
  // Before the SPA hears of the change (and refetches), and before Stripe gets its 2xx.
  await invalidateCustomer(deps, target.customerId);
  if (target.customerId && target.resource) {
    deps.changes.publish(target.customerId, { type: event.type, resource: target.resource, id: target.id, at: deps.now().toISOString() });
  }
  return 'applied';
}
