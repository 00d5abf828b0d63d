import { customerLinksRepo, type Database, type Notifier } from '@portal/db';
import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../context';
import { setBounded } from './bounded-map';

/**
 * Which Stripe customer a user's billing belongs to, remembered per user. Every request resolves
 * its viewer, and reading the link table each time was the largest cost of a warm read. The link
 * only changes through `link()` (a host token naming another customer), which updates this
 * instance at once and tells the others over LISTEN/NOTIFY; the TTL bounds staleness should a
 * notification be lost (delivery is at most once).
 */
export interface CustomerLinks {
  customerIdFor(userId: string): Promise<string | null>;
  /** Stores the link, then makes every instance forget what it remembered for the user. */
  link(userId: string, customerId: string): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export const CUSTOMER_LINKS_CHANNEL = 'portal_customer_links';

export interface CustomerLinksOptions {
  db: Kysely<Database>;
  notifier?: Notifier;
  log?: Logger;
  maxUsers?: number;
  ttlMs?: number;
  now?: () => number;
  /** Runs after another instance's notification was applied (tests await it instead of sleeping). */
  onRemoteForget?: (userId: string) => void;
}

export function createCustomerLinks(opts: CustomerLinksOptions): CustomerLinks {
  const repo = customerLinksRepo(opts.db);
  const maxUsers = opts.maxUsers ?? 50_000;
  const ttlMs = opts.ttlMs ?? 60_000;
  const now = opts.now ?? Date.now;
  const instanceId = randomUUID().slice(0, 8);
  const remembered = new Map<string, { customerId: string | null; at: number }>();
  // A read that started before a change must not store what it read: forgetting bumps the epoch.
  let epoch = 0;
  let stopListening: (() => Promise<void>) | null = null;

  const forget = (userId: string) => {
    remembered.delete(userId);
    epoch++;
  };

  return {
    async customerIdFor(userId) {
      const hit = remembered.get(userId);
      if (hit && now() - hit.at <= ttlMs) return hit.customerId;
      const startedAt = epoch;
      const customerId = await repo.customerIdFor(userId);
      if (epoch === startedAt) {
        setBounded(remembered, userId, { customerId, at: now() }, maxUsers);
      }
      return customerId;
    },
    async link(userId, customerId) {
      await repo.link(userId, customerId);
      forget(userId);
      if (!opts.notifier) return;
      try {
        await opts.notifier.notify(CUSTOMER_LINKS_CHANNEL, `${instanceId} ${userId}`);
      } catch (error) {
        // The link is stored; other instances fall back to the TTL for this user.
        opts.log?.warn({ err: error }, 'customer link change could not be broadcast');
      }
    },
    async start() {
      if (!opts.notifier || stopListening) return;
      stopListening = await opts.notifier.listen(CUSTOMER_LINKS_CHANNEL, (payload) => {
        const [from, userId] = payload.split(' ');
        if (!userId || from === instanceId) return;
        forget(userId);
        opts.onRemoteForget?.(userId);
      });
      opts.notifier.onReconnect(() => {
        remembered.clear();
        epoch++;
      });
    },
    async close() {
      const stop = stopListening;
      stopListening = null;
      remembered.clear();
      await stop?.();
    },
  };
}
