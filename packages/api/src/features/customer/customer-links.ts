import { customerLinksRepo, type Database, type Notifier } from '@portal/db';
import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../context';
import { LRUCache } from 'lru-cache';

/**
 * Which Stripe customer a user's billing belongs to, remembered per user. Every request resolves
 * its viewer, and reading the link table each time was the largest cost of a warm read. The link
 * only changes through `link()`/`follow()` (a host token naming another customer, or none), which
 * update this instance at once and tell the others over LISTEN/NOTIFY; the TTL bounds staleness
 * should a notification be lost (delivery is at most once).
 */
export interface CustomerLinks {
  customerIdFor(userId: string): Promise<string | null>;
  /** Stores the link, then makes every instance forget what it remembered for the user. */
  link(userId: string, customerId: string): Promise<void>;
  /**
   * Makes the stored link say what the user's latest host token says: a customer id links (or
   * moves the link), null removes it. Writes only when the token says something else than what
   * this instance last applied for the user, and that memory is dropped whenever any instance
   * changes the user's link, so it can never keep an old link alive.
   */
  follow(userId: string, customerId: string | null): Promise<void>;
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
  const remembered = new LRUCache<string, { customerId: string | null; at: number }>({ max: maxUsers });
  // What `follow` last wrote per user; only a hint to skip writes, cleared with `remembered`.
  // lru-cache holds objects only: the link (null for an unlinked user) is wrapped.
  const applied = new LRUCache<string, { customerId: string | null }>({ max: maxUsers });
  // A read that started before a change must not store what it read: forgetting bumps the epoch.
  let epoch = 0;
  let stopListening: (() => Promise<void>) | null = null;

  const forget = (userId: string) => {
    remembered.delete(userId);
    applied.delete(userId);
    epoch++;
  };

  async function changed(userId: string) {
    forget(userId);
    if (!opts.notifier) return;
    try {
      await opts.notifier.notify(CUSTOMER_LINKS_CHANNEL, `${instanceId} ${userId}`);
    } catch (error) {
      // The link is stored; other instances fall back to the TTL for this user.
      opts.log?.warn({ err: error }, 'customer link change could not be broadcast');
    }
  }

  return {
    async customerIdFor(userId) {
      const hit = remembered.get(userId);
      if (hit && now() - hit.at <= ttlMs) return hit.customerId;
      const startedAt = epoch;
      const customerId = await repo.customerIdFor(userId);
      if (epoch === startedAt) {
        remembered.set(userId, { customerId, at: now() });
      }
      return customerId;
    },
    async link(userId, customerId) {
      await repo.link(userId, customerId);
      await changed(userId);
    },
    async follow(userId, customerId) {
      if (applied.get(userId)?.customerId === customerId) return;
      if (customerId) await repo.link(userId, customerId);
      else await repo.unlink(userId);
      await changed(userId);
      applied.set(userId, { customerId });
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
        applied.clear();
        epoch++;
      });
    },
    async close() {
      const stop = stopListening;
      stopListening = null;
      remembered.clear();
      applied.clear();
      await stop?.();
    },
  };
}
