import { customerLinksRepo, type Database } from '@portal/db';
import type { Kysely } from 'kysely';

/**
 * Which Stripe customer a user's billing belongs to: the link table, read on every request (a
 * primary-key read, far below a millisecond), so every instance agrees at once with no memory to
 * invalidate (issue 19 removed the per-process memo and its LISTEN/NOTIFY channel).
 */
export interface CustomerLinks {
  customerIdFor(userId: string): Promise<string | null>;
  link(userId: string, customerId: string): Promise<void>;
  /**
   * Makes the stored link say what the user's latest host token says: a customer id links (or
   * moves the link), null removes it. Writes only when the table says something else, so a token
   * presented on every request costs one read.
   */
  follow(userId: string, customerId: string | null): Promise<void>;
}

export function createCustomerLinks(opts: { db: Kysely<Database> }): CustomerLinks {
  const repo = customerLinksRepo(opts.db);
  return {
    customerIdFor: (userId) => repo.customerIdFor(userId),
    link: (userId, customerId) => repo.link(userId, customerId),
    async follow(userId, customerId) {
      if ((await repo.customerIdFor(userId)) === customerId) return;
      if (customerId) await repo.link(userId, customerId);
      else await repo.unlink(userId);
    },
  };
}
