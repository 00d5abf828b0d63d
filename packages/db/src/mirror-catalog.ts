import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

export interface CatalogSnapshot {
  products: { id: string; object: unknown }[];
  prices: { id: string; object: unknown }[];
}

/**
 * The mirrored catalog (products and prices), shared by every instance and kept across restarts.
 * Freshness works as for a customer (`mirror.ts`): a product or price webhook raises the dirty
 * version, a sync records the version it began at, and an older read never overwrites a newer one.
 */
export function catalogMirrorRepo(db: Kysely<Database>) {
  return {
    /** The version a sync that starts now reads at. */
    async begin(): Promise<bigint> {
      const row = await db
        .selectFrom('mirror_catalog_state')
        .select('dirty_version')
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      return BigInt(row.dirty_version);
    },

    /** The catalog changed in Stripe: stale until the next sync commits. */
    async markDirty(): Promise<void> {
      await db
        .updateTable('mirror_catalog_state')
        .set({ dirty_version: sql`nextval('mirror_versions')` as never })
        .where('id', '=', 1)
        .execute();
    },

    /** Replaces the catalog in one transaction; false when a later-begun sync committed first. */
    async save(readAt: bigint, snapshot: CatalogSnapshot): Promise<boolean> {
      return db.transaction().execute(async (trx) => {
        const current = await trx
          .selectFrom('mirror_catalog_state')
          .select('synced_version')
          .where('id', '=', 1)
          .forUpdate()
          .executeTakeFirstOrThrow();
        if (BigInt(current.synced_version) > readAt) return false;
        await trx.deleteFrom('mirror_catalog').execute();
        const rows = [
          ...snapshot.products.map((p) => ({ id: p.id, kind: 'product' as const, object: JSON.stringify(p.object) })),
          ...snapshot.prices.map((p) => ({ id: p.id, kind: 'price' as const, object: JSON.stringify(p.object) })),
        ];
        // Chunks keep each statement's parameter count far below Postgres's limit of 65,535.
        for (let i = 0; i < rows.length; i += 1000)
          await trx
            .insertInto('mirror_catalog')
            .values(rows.slice(i, i + 1000))
            .onConflict((oc) => oc.column('id').doNothing())
            .execute();
        await trx
          .updateTable('mirror_catalog_state')
          .set({ synced_version: readAt.toString(), synced_at: new Date() })
          .where('id', '=', 1)
          .execute();
        return true;
      });
    },

    /** The mirrored catalog if it is fresh (no change since its sync began); else null. */
    async loadFresh(): Promise<(CatalogSnapshot & { syncedAt: Date }) | null> {
      const state = await db
        .selectFrom('mirror_catalog_state')
        .selectAll()
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      if (!state.synced_at || BigInt(state.synced_version) < BigInt(state.dirty_version)) return null;
      const rows = await db.selectFrom('mirror_catalog').selectAll().orderBy('id').execute();
      return {
        products: rows.filter((r) => r.kind === 'product').map((r) => ({ id: r.id, object: r.object })),
        prices: rows.filter((r) => r.kind === 'price').map((r) => ({ id: r.id, object: r.object })),
        syncedAt: state.synced_at,
      };
    },
  };
}

export type CatalogMirrorRepo = ReturnType<typeof catalogMirrorRepo>;
