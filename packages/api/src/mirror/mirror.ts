import {
  mirrorRepo,
  type BudgetPriority,
  type Database,
  type MirrorSnapshot,
  type Notifier,
  type StripeBudget,
} from '@portal/db';
import type { Kysely } from 'kysely';
import type Stripe from 'stripe';
import type { Deps, Logger } from '../context';
import { isStripeMissing } from '../refusals';
import { liveBillingState, storedBillingState, type BillingState } from './billing-state';

/**
 * The portal's screens read a customer's billing from Postgres, never from Stripe (issue 19,
 * decision 026). Stripe stays the source of truth: one idempotent sync per customer reads what the
 * screens need and replaces the customer's mirror rows in one transaction. A customer's first
 * visit, a webhook about them and each of the portal's own mutations make the mirror stale; a read
 * of a stale mirror waits for the sync, so no screen shows a state older than a change it knows of.
 */
export interface Mirror {
  /** The customer's billing as the screens read it: fresh, or synced first. */
  read(customerId: string): Promise<BillingState>;
  /** The customer changed in Stripe (a mutation of ours): stale now, synced in the background. */
  changed(customerId: string): Promise<void>;
  /** Syncs if stale (after a webhook): resolves once the mirror is fresh or the sync failed. */
  refresh(customerId: string): Promise<void>;
  /** Starts mirroring the customer if not yet, and syncs them if stale, at background priority (a backfill). */
  ensure(customerId: string): Promise<void>;
  /** Listens for syncs on other instances and sweeps up lost ones periodically. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface MirrorOptions {
  db: Kysely<Database>;
  /** Syncs of one customer on other instances are heard here (the live-updates relay listens too). */
  notifier?: Notifier;
  /** A mirror older than this is re-synced in the background on the next visit (default 1 h). */
  maxAgeMs?: number;
  /** How often stale customers whose sync was lost (a crash) are looked for (default 30 s). */
  sweepEveryMs?: number;
  /** A customer stale for longer than this is the sweep's (default 10 s: younger ones have a sync running). */
  sweepAfterMs?: number;
  /**
   * The Stripe request budget shared by every instance. A sync a visitor waits for goes first;
   * syncs after webhooks, mutations and sweeps wait their turn, so a burst of events drains at the
   * budget's rate instead of running into Stripe's rate limit.
   */
  budget?: StripeBudget;
  log?: Logger;
}

export function createMirror(deps: Pick<Deps, 'stripe' | 'log'>, opts: MirrorOptions): Mirror {
  const repo = mirrorRepo(opts.db);
  const maxAgeMs = opts.maxAgeMs ?? 60 * 60_000;
  // Per customer, the sync running here and the version it began at: a caller that needs version
  // v joins it when it began at v or later, else waits for it and starts the next.
  const running = new Map<string, { from: bigint; done: Promise<void> }>();
  let sweeper: NodeJS.Timeout | null = null;
  let closed = false;

  async function syncOnce(customerId: string, priority: BudgetPriority): Promise<void> {
    const { dirtyVersion } = await repo.begin(customerId);
    const snapshot = await readSnapshot(deps, customerId, (n) => opts.budget?.take(n, priority));
    await repo.save(customerId, dirtyVersion, snapshot);
  }

  /** Resolves once a sync that began at `version` or later has ended here. */
  async function syncFrom(customerId: string, version: bigint, priority: BudgetPriority): Promise<void> {
    for (;;) {
      const current = running.get(customerId);
      if (!current) break;
      if (current.from >= version) return current.done;
      await current.done.catch(() => {});
    }
    const done = syncOnce(customerId, priority).finally(() => {
      if (running.get(customerId)?.done === done) running.delete(customerId);
    });
    running.set(customerId, { from: version, done });
    return done;
  }

  function inBackground(customerId: string, version: bigint) {
    syncFrom(customerId, version, 'background').catch((error: unknown) =>
      opts.log?.warn({ err: error, customerId }, 'mirror sync failed; the next visit or sweep retries'),
    );
  }

  async function sweep() {
    const stale = await repo.dirtyCustomers(opts.sweepAfterMs ?? 10_000, 100);
    for (const customerId of stale) {
      if (closed) return;
      const state = await repo.state(customerId);
      if (state) await syncFrom(customerId, state.dirtyVersion, 'background').catch(() => {});
    }
  }

  return {
    async read(customerId) {
      let loaded = await repo.load(customerId);
      if (!loaded || loaded.state.syncedVersion < loaded.state.dirtyVersion) {
        try {
          await syncFrom(customerId, loaded?.state.dirtyVersion ?? 0n, 'user');
        } catch (error) {
          // Stripe is down: a stale mirror still answers (marked with when it was read).
          if (!loaded?.mirror) throw error;
          opts.log?.warn({ err: error, customerId }, 'mirror sync failed; answering from the stale mirror');
        }
        loaded = await repo.load(customerId);
      }
      const mirror = loaded?.mirror;
      if (!mirror) throw new Error(`mirror of ${customerId} is missing after a sync`);
      if (Date.now() - mirror.syncedAt.getTime() > maxAgeMs) inBackground(customerId, loaded!.state.dirtyVersion);
      return storedBillingState(
        {
          customer: mirror.customer as Stripe.Customer | null,
          subscriptions: mirror.subscriptions.map((s) => ({
            object: s.object as Stripe.Subscription,
            preview: s.preview as Stripe.Invoice | null,
            previewFailed: s.previewFailed,
          })),
          paymentMethods: mirror.paymentMethods.map((p) => p.object as Stripe.PaymentMethod),
          taxIds: mirror.taxIds.map((t) => t.object as Stripe.TaxId),
          invoices: { data: mirror.invoices.map((i) => i.object as Stripe.Invoice), hasMore: mirror.invoicesHaveMore },
        },
        mirror.syncedAt,
      );
    },
    async changed(customerId) {
      await repo.markDirty([customerId]);
      const state = await repo.state(customerId);
      if (state) inBackground(customerId, state.dirtyVersion);
    },
    async refresh(customerId) {
      const state = await repo.state(customerId);
      if (state && state.syncedVersion < state.dirtyVersion)
        await syncFrom(customerId, state.dirtyVersion, 'background');
    },
    async ensure(customerId) {
      const state = await repo.begin(customerId);
      if (state.syncedVersion < state.dirtyVersion) await syncFrom(customerId, state.dirtyVersion, 'background');
    },
    async start() {
      const every = opts.sweepEveryMs ?? 30_000;
      sweeper = setInterval(() => {
        sweep().catch((error: unknown) => opts.log?.warn({ err: error }, 'mirror sweep failed'));
      }, every);
      sweeper.unref();
    },
    async close() {
      closed = true;
      if (sweeper) clearInterval(sweeper);
      // In-flight syncs end before the database closes under them.
      await Promise.allSettled([...running.values()].map((r) => r.done));
    },
  };
}

/** Everything the screens read, in two round trips: all lists at once, then the previews. */
export async function readSnapshot(
  deps: Pick<Deps, 'stripe' | 'log'>,
  customerId: string,
  spend: (requests: number) => Promise<void> | undefined = async () => {},
): Promise<MirrorSnapshot> {
  const live = liveBillingState(deps, customerId);
  // The customer, three lists and the two invoice lists (the newest page and the open ones); the
  // previews are counted once the subscriptions are known.
  await spend(6);
  let customer: Stripe.Customer | null;
  try {
    customer = await live.customer();
  } catch (error) {
    if (isGone(error)) return { ...EMPTY, customer: null };
    throw error;
  }
  const [subscriptions, paymentMethods, taxIds, invoices] = await Promise.all([
    live.subscriptions(),
    live.paymentMethods(),
    live.taxIds(),
    live.recentInvoices(),
  ]);
  await spend(subscriptions.length);
  const previews = await Promise.all(subscriptions.map((s) => live.preview(s)));
  return {
    customer,
    subscriptions: subscriptions.map((s, i) => ({
      id: s.id,
      object: s,
      preview: previews[i] === 'failed' ? null : previews[i],
      previewFailed: previews[i] === 'failed',
    })),
    paymentMethods: paymentMethods.map((p) => ({ id: p.id, object: p })),
    taxIds: taxIds.map((t) => ({ id: t.id, object: t })),
    invoices: invoices.data.map((i) => ({ id: i.id!, object: i, status: i.status, created: i.created })),
    invoicesHaveMore: invoices.hasMore,
  };
}

const EMPTY: MirrorSnapshot = {
  customer: null,
  subscriptions: [],
  paymentMethods: [],
  taxIds: [],
  invoices: [],
  invoicesHaveMore: false,
};

/** loadCustomer's NOT_FOUND (deleted or missing in Stripe). */
function isGone(error: unknown): boolean {
  if (isStripeMissing(error)) return true;
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'NOT_FOUND';
}
