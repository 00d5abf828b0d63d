import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

/** One event of a batch handed to `record`. */
export interface LedgerEntry {
  eventId: string;
  type: string;
  /** The event's effect: an audit row by the system (`webhook:<type>`, `{ eventId, object }`). */
  audit: { customerId: string | null; objectId: string } | null;
  /** A NOTIFY to send when, and only when, this entry's claim commits (e.g. a cache invalidation). */
  notify: { channel: string; payload: string } | null;
}

/** The webhook event ledger: Stripe delivers at least once, the ledger makes each id count once. */
export function webhookEventsRepo(db: Kysely<Database>) {
  /**
   * A batch of events in one statement, hence one transaction: claims each id in the ledger and,
   * for the ids it claimed only, writes the audit row, marks the customer's mirror stale and sends
   * the NOTIFY (Postgres delivers it
   * on commit, so listeners never hear of an event that was not recorded, and hear of every one
   * that was). Returns the ids this call claimed; an id already in the ledger is a duplicate, and
   * of several copies of an id in the batch only the first can be claimed.
   */
  async function record(entries: readonly LedgerEntry[]): Promise<Set<string>> {
    const seen = new Set<string>();
    const batch = entries.filter((e) => !seen.has(e.eventId) && seen.add(e.eventId));
    if (batch.length === 0) return new Set();
    // Columns as arrays: one statement text whatever the batch size, and few parameters.
    const column = <T>(pick: (e: LedgerEntry) => T) => batch.map(pick);
    const { rows } = await sql<{ event_id: string }>`
      with batch as (
        select * from unnest(
          ${column((e) => e.eventId)}::text[], ${column((e) => e.type)}::text[], ${column((e) => e.audit !== null)}::boolean[],
          ${column((e) => e.audit?.customerId ?? null)}::text[], ${column((e) => e.audit?.objectId ?? null)}::text[],
          ${column((e) => e.notify?.channel ?? null)}::text[], ${column((e) => e.notify?.payload ?? null)}::text[]
        ) with ordinality as b (event_id, type, audited, customer_id, object_id, channel, payload, ord)
      ),
      claimed as (
        -- In id order: batches racing on other connections take the same keys in the same order
        -- (one waits for the other) instead of deadlocking.
        insert into webhook_events (event_id, type)
        select event_id, type from batch order by event_id
        on conflict (event_id) do nothing
        returning event_id
      ),
      audited as (
        insert into audit_log (actor_role, customer_id, action, input_summary, outcome)
        select 'system', b.customer_id, 'webhook:' || b.type, jsonb_build_object('eventId', b.event_id, 'object', b.object_id), 'ok'
        from batch b join claimed c on c.event_id = b.event_id
        where b.audited
        order by b.ord
        returning seq
      ),
      dirtied as (
        -- The mirror of each customer an event touched is stale from this commit on (the newest
        -- event of the batch names it); customers not mirrored have no row and are skipped.
        update mirror_customers m
        set dirty_version = nextval('mirror_versions'), dirty_at = now(), event_id = d.event_id
        from (
          select distinct on (b.customer_id) b.customer_id, b.event_id
          from batch b join claimed c on c.event_id = b.event_id
          where b.customer_id is not null
          order by b.customer_id, b.ord desc
        ) d
        where m.customer_id = d.customer_id
        returning m.customer_id
      )
      -- pg_notify runs once per claimed row that carries a notification (CASE decides before it).
      select c.event_id, case when b.channel is null then false else pg_notify(b.channel, b.payload) is null end as notified
      from claimed c join batch b on b.event_id = c.event_id`.execute(db);
    return new Set(rows.map((r) => r.event_id));
  }

  return {
    record,
    async seen(eventId: string): Promise<boolean> {
      const row = await db
        .selectFrom('webhook_events')
        .select('event_id')
        .where('event_id', '=', eventId)
        .executeTakeFirst();
      return row !== undefined;
    },
    /** Which of these event ids the ledger holds (applied already, by a webhook or a sweep). */
    async seenOf(eventIds: readonly string[]): Promise<Set<string>> {
      if (eventIds.length === 0) return new Set();
      const rows = await db.selectFrom('webhook_events').select('event_id').where('event_id', 'in', eventIds).execute();
      return new Set(rows.map((r) => r.event_id));
    },
    /**
     * Records the event id; false when another delivery already did. Call it first inside the
     * transaction that applies the event's effect, so a lost race rolls the effect back.
     */
    async claim(eventId: string, type: string): Promise<boolean> {
      const row = await db
        .insertInto('webhook_events')
        .values({ event_id: eventId, type })
        .onConflict((oc) => oc.column('event_id').doNothing())
        .returning('event_id')
        .executeTakeFirst();
      return row !== undefined;
    },
  };
}
