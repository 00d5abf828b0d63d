import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

/** Sent on commit of every mirror write: the payload is the customer id. */
export const MIRROR_CHANNEL = 'portal_mirror';

/** What one sync read from Stripe for one customer. Objects stay opaque here: the api maps them. */
export interface MirrorSnapshot {
  /** null when Stripe says the customer is deleted or gone. */
  customer: unknown;
  subscriptions: { id: string; object: unknown; preview: unknown; previewFailed: boolean }[];
  paymentMethods: { id: string; object: unknown }[];
  taxIds: { id: string; object: unknown }[];
  /** In Stripe's order: newest first. */
  invoices: { id: string; object: unknown; status: string | null; created: number }[];
  /** Stripe had older invoices than the ones read. */
  invoicesHaveMore: boolean;
}

export interface MirrorState {
  dirtyVersion: bigint;
  syncedVersion: bigint;
  syncedAt: Date | null;
}

export interface MirroredCustomer extends MirrorSnapshot {
  syncedAt: Date;
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/**
 * The Postgres mirror of what the portal's screens read from Stripe (issue 19). Freshness is
 * decided by versions, never by clocks: `markDirty` and the webhook ledger raise a customer's
 * `dirty_version` from one sequence, and a sync that began at version D records D when it commits.
 * A sync commits only if no sync that began later has already committed, so an older read never
 * overwrites a newer one, whichever instance made it.
 */
export function mirrorRepo(db: Kysely<Database>) {
  const nextVersion = sql<string>`nextval('mirror_versions')`;

  return {
    /** The customer's versions; starts mirroring them (dirty, nothing synced) when they were not yet. */
    async begin(customerId: string): Promise<MirrorState> {
      await db
        .insertInto('mirror_customers')
        .values({ customer_id: customerId, object: null, dirty_version: nextVersion as never })
        .onConflict((oc) => oc.column('customer_id').doNothing())
        .execute();
      const row = await db
        .selectFrom('mirror_customers')
        .select(['dirty_version', 'synced_version', 'synced_at'])
        .where('customer_id', '=', customerId)
        .executeTakeFirstOrThrow();
      return stateOf(row);
    },

    async state(customerId: string): Promise<MirrorState | null> {
      const row = await db
        .selectFrom('mirror_customers')
        .select(['dirty_version', 'synced_version', 'synced_at'])
        .where('customer_id', '=', customerId)
        .executeTakeFirst();
      return row ? stateOf(row) : null;
    },

    /** Something changed the customers in Stripe: their mirror is stale until the next sync commits. */
    async markDirty(customerIds: readonly string[], eventId: string | null = null): Promise<void> {
      if (customerIds.length === 0) return;
      await db
        .updateTable('mirror_customers')
        .set({ dirty_version: nextVersion as never, dirty_at: sql`now()` as never, event_id: eventId })
        .where('customer_id', 'in', customerIds)
        .execute();
    },

    /**
     * Replaces the customer's mirror with what a sync read, in one transaction, and sends
     * MIRROR_CHANNEL on commit. False (nothing written) when a sync that began later committed first.
     */
    async save(customerId: string, readAt: bigint, snapshot: MirrorSnapshot): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const current = await trx
          .selectFrom('mirror_customers')
          .select(['synced_version', 'event_id'])
          .where('customer_id', '=', customerId)
          .forUpdate()
          .executeTakeFirst();
        if (!current || BigInt(current.synced_version) > readAt) return false;
        const syncedAt = new Date();
        const eventId = current.event_id;
        await trx
          .updateTable('mirror_customers')
          .set({
            object: json(snapshot.customer),
            deleted: snapshot.customer === null,
            invoices_has_more: snapshot.invoicesHaveMore,
            synced_version: readAt.toString(),
            synced_at: syncedAt,
          })
          .where('customer_id', '=', customerId)
          .execute();
        for (const table of [
          'mirror_subscriptions',
          'mirror_payment_methods',
          'mirror_tax_ids',
          'mirror_invoices',
        ] as const)
          await trx.deleteFrom(table).where('customer_id', '=', customerId).execute();
        const base = { customer_id: customerId, synced_at: syncedAt, event_id: eventId };
        if (snapshot.subscriptions.length > 0)
          await trx
            .insertInto('mirror_subscriptions')
            .values(
              snapshot.subscriptions.map((s) => ({
                ...base,
                id: s.id,
                object: json(s.object)!,
                preview: json(s.preview),
                preview_failed: s.previewFailed,
              })),
            )
            .onConflict((oc) => oc.column('id').doNothing())
            .execute();
        for (const [table, rows] of [
          ['mirror_payment_methods', snapshot.paymentMethods],
          ['mirror_tax_ids', snapshot.taxIds],
        ] as const)
          if (rows.length > 0)
            await trx
              .insertInto(table)
              .values(rows.map((r) => ({ ...base, id: r.id, object: json(r.object)! })))
              .onConflict((oc) => oc.column('id').doNothing())
              .execute();
        if (snapshot.invoices.length > 0)
          await trx
            .insertInto('mirror_invoices')
            .values(
              snapshot.invoices.map((i, position) => ({
                ...base,
                id: i.id,
                object: json(i.object)!,
                status: i.status,
                created: i.created,
                position,
              })),
            )
            .onConflict((oc) => oc.column('id').doNothing())
            .execute();
        await sql`select pg_notify(${MIRROR_CHANNEL}, ${customerId})`.execute(trx);
        return true;
      });
    },

    /** The customer's mirror as last synced; null when never synced. */
    async load(customerId: string): Promise<{ state: MirrorState; mirror: MirroredCustomer | null } | null> {
      const row = await db
        .selectFrom('mirror_customers')
        .selectAll()
        .where('customer_id', '=', customerId)
        .executeTakeFirst();
      if (!row) return null;
      const state = stateOf(row);
      if (!row.synced_at) return { state, mirror: null };
      const [subscriptions, paymentMethods, taxIds, invoices] = await Promise.all([
        db.selectFrom('mirror_subscriptions').selectAll().where('customer_id', '=', customerId).orderBy('id').execute(),
        db.selectFrom('mirror_payment_methods').selectAll().where('customer_id', '=', customerId).execute(),
        db.selectFrom('mirror_tax_ids').selectAll().where('customer_id', '=', customerId).execute(),
        db
          .selectFrom('mirror_invoices')
          .selectAll()
          .where('customer_id', '=', customerId)
          .orderBy('position')
          .execute(),
      ]);
      return {
        state,
        mirror: {
          customer: row.deleted ? null : row.object,
          subscriptions: subscriptions.map((s) => ({
            id: s.id,
            object: s.object,
            preview: s.preview,
            previewFailed: s.preview_failed,
          })),
          paymentMethods: paymentMethods.map((p) => ({ id: p.id, object: p.object })),
          taxIds: taxIds.map((t) => ({ id: t.id, object: t.object })),
          invoices: invoices.map((i) => ({ id: i.id, object: i.object, status: i.status, created: Number(i.created) })),
          invoicesHaveMore: row.invoices_has_more,
          syncedAt: row.synced_at,
        },
      };
    },

    /**
     * Customers some portal user is linked to, with whether their mirror is fresh: what a backfill
     * still has to sync (resumable: a customer synced before a crash is not synced again).
     */
    async linkedCustomers(): Promise<{ customerId: string; fresh: boolean }[]> {
      const rows = await db
        .selectFrom('customer_links as l')
        .leftJoin('mirror_customers as m', 'm.customer_id', 'l.stripe_customer_id')
        .select([
          'l.stripe_customer_id as customerId',
          sql<boolean>`coalesce(m.synced_version >= m.dirty_version, false)`.as('fresh'),
        ])
        .groupBy(['l.stripe_customer_id', 'm.synced_version', 'm.dirty_version'])
        .orderBy('l.stripe_customer_id')
        .execute();
      return rows.map((r) => ({ customerId: r.customerId, fresh: Boolean(r.fresh) }));
    },

    /** Mirrored customers whose last change is older than `olderThanMs` and not yet synced (a sync was lost). */
    async dirtyCustomers(olderThanMs: number, limit: number): Promise<string[]> {
      const rows = await db
        .selectFrom('mirror_customers')
        .select('customer_id')
        .whereRef('synced_version', '<', 'dirty_version')
        .where('dirty_at', '<', sql<Date>`now() - make_interval(secs => ${olderThanMs / 1000})`)
        .orderBy('dirty_at')
        .limit(limit)
        .execute();
      return rows.map((r) => r.customer_id);
    },
  };
}

export type MirrorRepo = ReturnType<typeof mirrorRepo>;

function stateOf(row: { dirty_version: string; synced_version: string; synced_at: Date | null }): MirrorState {
  return {
    dirtyVersion: BigInt(row.dirty_version),
    syncedVersion: BigInt(row.synced_version),
    syncedAt: row.synced_at,
  };
}
