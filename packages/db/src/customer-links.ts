import type { Kysely } from 'kysely';
import type { Database } from './schema';

export function customerLinksRepo(db: Kysely<Database>) {
  return {
    async customerIdFor(userId: string): Promise<string | null> {
      const row = await db
        .selectFrom('customer_links')
        .select('stripe_customer_id')
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row?.stripe_customer_id ?? null;
    },
    async link(userId: string, stripeCustomerId: string): Promise<void> {
      await db
        .insertInto('customer_links')
        .values({ user_id: userId, stripe_customer_id: stripeCustomerId })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ stripe_customer_id: stripeCustomerId }))
        .execute();
    },
    async unlink(userId: string): Promise<void> {
      await db.deleteFrom('customer_links').where('user_id', '=', userId).execute();
    },
  };
}
