import type { Deps } from '../../context';

/** How far back a retry may come: clients retry within minutes; Stripe keeps events 30 days. */
const LOOKBACK_SECONDS = 3600;

/**
 * Did Stripe already apply a request sent with this idempotency key to this object? A retry of a
 * mutation whose first attempt was applied but whose answer never reached the client (a dropped
 * connection, a failed read afterwards) would otherwise be refused by a state check ("not set to
 * cancel") or a DELETE that Stripe does not replay. Stripe's events carry the idempotency key of
 * the request that caused them, which proves it was this very action, not someone else's.
 * Only asked on the refusal path, so a normal call costs nothing extra.
 */
export async function appliedBefore(
  deps: Pick<Deps, 'stripe' | 'now'>,
  objectId: string,
  eventType: string,
  idempotencyKey: string,
): Promise<boolean> {
  const since = Math.floor(deps.now().getTime() / 1000) - LOOKBACK_SECONDS;
  const events = await deps.stripe.events
    .list({ type: eventType, created: { gte: since }, limit: 100 })
    .autoPagingToArray({ limit: 1000 });
  return events.some(
    (e) => e.request?.idempotency_key === idempotencyKey && (e.data.object as { id?: string }).id === objectId,
  );
}
