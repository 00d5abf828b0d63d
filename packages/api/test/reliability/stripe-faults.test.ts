import { randomUUID } from 'node:crypto';
import { DEMO } from '@portal/stripe-emulator';
import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCatalogCache } from '../../src/stripe/catalog-cache';
import { backoff, faultyStripe, seeded } from './faulty-stripe';
import { useApiSuite } from '../suite';

/**
 * Several hundred portal actions while Stripe fails a share of calls (500, 409, 429 with
 * Stripe-Should-Retry, dropped connections, responses lost after the change was applied) and
 * jitters, on top of Stripe's rate limit. This load is many times what a test-mode account
 * allows (25 reads and 25 writes a second), so the run uses live mode's limit (100 a second)
 * and still meets it. A client that retries each failed action with the same idempotency key
 * after a backoff, as the SPA does, must end with every action applied exactly once and nothing
 * half-done.
 */
const CUSTOMERS = 12;
const ACTIONS_PER_CUSTOMER = 30;
const MAX_ATTEMPTS = 40;
const RETRYABLE = new Set(['SERVICE_UNAVAILABLE']);

interface Model {
  name: string;
  taxIds: string[];
  defaultCard: string;
  canceling: boolean;
  paused: boolean;
  price: string;
}

const { h, f } = useApiSuite();
const random = seeded(20261124);
const stats = {
  actions: 0,
  mutations: 0,
  attempts: 0,
  retryableFailures: 0,
  otherFailures: [] as string[],
  unhandled: 0,
};
const onUnhandled = () => void stats.unhandled++;

beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
});

/** Calls `run` until it succeeds, like a client honouring "retryable": same input, same key. */
async function attempt<T>(label: string, run: () => Promise<T>): Promise<T | undefined> {
  for (let i = 0; i < MAX_ATTEMPTS; i++) {
    stats.attempts++;
    try {
      return await run();
    } catch (error) {
      const code = error instanceof TRPCError ? error.code : String(error);
      if (!RETRYABLE.has(code)) {
        stats.otherFailures.push(`${label}: ${code} ${(error as Error).message}`);
        return undefined;
      }
      stats.retryableFailures++;
      await backoff(i);
    }
  }
  stats.otherFailures.push(`${label}: still failing after ${MAX_ATTEMPTS} attempts`);
  return undefined;
}

describe('Stripe faults under a scripted portal run', () => {
  it(
    'applies every action exactly once, reports every failure as retryable, leaves nothing half-done',
    { timeout: 120_000 },
    async () => {
      const faulty = faultyStripe(h.emulator, { lostResponseRate: 0.03, random });
      const overrides = { stripe: faulty.stripe, catalog: createCatalogCache(faulty.stripe) };
      const customers = [];
      for (let i = 0; i < CUSTOMERS; i++) {
        const c = await f.newCustomer({ cards: ['pm_card_visa', 'pm_card_mastercard'], subscribe: true });
        const sub = (await h.stripe.subscriptions.list({ customer: c.customer.id })).data[0]!;
        const model: Model = {
          name: c.customer.name ?? '',
          taxIds: [],
          defaultCard: c.cards[0]!.id,
          canceling: false,
          paused: false,
          price: DEMO.prices.proMonthly,
        };
        customers.push({ ...c, sub, model, caller: await c.caller(overrides) });
      }

      h.emulator.core.control.faults = { rate: 0.12, statuses: [500, 409, 429], dropRate: 0.03 };
      h.emulator.core.control.rateLimit = { enabled: true, perSecond: 100 };
      h.emulator.core.control.latency = { fixedMs: 0, jitterMs: 4 };
      const requestsBefore = faulty.records.length;

      await Promise.all(
        customers.map(async ({ caller, sub, model, cards, customer }) => {
          for (let n = 0; n < ACTIONS_PER_CUSTOMER; n++) {
            stats.actions++;
            const roll = random();
            const idempotencyKey = randomUUID();
            const label = `${customer.id}#${n}`;
            if (roll < 0.35) {
              const read = [
                (): Promise<unknown> => caller.billing.overview(),
                () => caller.billing.paymentMethods.list(),
                () => caller.billing.invoices.list({ limit: 10 }),
                () => caller.billing.customer.get(),
                () => caller.billing.taxIds.list(),
              ][Math.floor(random() * 5)]!;
              await attempt(`${label} read`, read);
              continue;
            }
            stats.mutations++;
            if (roll < 0.45) {
              const name = `Name ${n}`;
              if (await attempt(`${label} update`, () => caller.billing.customer.update({ idempotencyKey, name })))
                model.name = name;
            } else if (roll < 0.55 || (roll < 0.62 && model.taxIds.length === 0)) {
              const value = `DE${String(100_000_000 + Math.floor(random() * 899_999_999))}`;
              const added = await attempt(`${label} taxIds.add`, () =>
                caller.billing.taxIds.add({ idempotencyKey, type: 'eu_vat', value }),
              );
              if (added) model.taxIds.push(added.id);
            } else if (roll < 0.62) {
              const taxIdId = model.taxIds[0]!;
              if (
                await attempt(`${label} taxIds.remove`, () => caller.billing.taxIds.remove({ idempotencyKey, taxIdId }))
              )
                model.taxIds.shift();
            } else if (roll < 0.72) {
              const next = model.defaultCard === cards[0]!.id ? cards[1]!.id : cards[0]!.id;
              if (
                await attempt(`${label} setDefault`, () =>
                  caller.billing.paymentMethods.setDefault({ idempotencyKey, paymentMethodId: next }),
                )
              )
                model.defaultCard = next;
            } else if (roll < 0.82 && !model.paused) {
              const done = model.canceling
                ? await attempt(`${label} reactivate`, () =>
                    caller.billing.subscription.reactivate({ idempotencyKey, subscriptionId: sub.id }),
                  )
                : await attempt(`${label} cancel`, () =>
                    caller.billing.subscription.cancel({
                      idempotencyKey,
                      subscriptionId: sub.id,
                      reason: 'too_expensive',
                    }),
                  );
              if (done) model.canceling = !model.canceling;
            } else if (roll < 0.9 && !model.canceling) {
              const done = model.paused
                ? await attempt(`${label} resume`, () =>
                    caller.billing.subscription.resume({ idempotencyKey, subscriptionId: sub.id }),
                  )
                : await attempt(`${label} pause`, () =>
                    caller.billing.subscription.pause({ idempotencyKey, subscriptionId: sub.id }),
                  );
              if (done) model.paused = !model.paused;
            } else if (!model.canceling && !model.paused) {
              const price =
                model.price === DEMO.prices.proMonthly ? DEMO.prices.businessMonthly : DEMO.prices.proMonthly;
              const items = [{ itemId: sub.items.data[0]!.id, priceId: price }];
              const preview = await attempt(`${label} preview`, () =>
                caller.billing.subscription.previewChange({ subscriptionId: sub.id, items }),
              );
              if (!preview) continue;
              const changed = await attempt(`${label} change`, () =>
                caller.billing.subscription.change({
                  idempotencyKey,
                  subscriptionId: sub.id,
                  items,
                  prorationDate: preview.prorationDate,
                }),
              );
              if (changed) model.price = price;
            }
          }
        }),
      );

      h.emulator.core.control.faults = { rate: 0, statuses: [500], dropRate: 0 };
      h.emulator.core.control.latency = { fixedMs: 0, jitterMs: 0 };
      h.emulator.core.control.rateLimit = { enabled: true };
      const rateLimited = faulty.records.slice(requestsBefore).filter((r) => r.status === 429).length;
      const injected = h.emulator.core.requestLog.length; // not authoritative (capped); see wire records below
      const wire = faulty.records.slice(requestsBefore);
      const faultAnswers = wire.filter((r) => r.status >= 409 || r.status === 0).length;

      // 1. Every failure the client saw was retryable, and retrying always got through.
      expect(stats.otherFailures).toEqual([]);
      // 2. Exactly once: no idempotency key was applied twice by Stripe.
      const applied = new Map<string, number>();
      for (const r of wire)
        if (r.idempotencyKey && r.status === 200 && !r.replayed)
          applied.set(r.idempotencyKey, (applied.get(r.idempotencyKey) ?? 0) + 1);
      expect([...applied].filter(([, count]) => count > 1)).toEqual([]);
      // 3. The final state in Stripe is the model's: each successful action applied, none twice, none half.
      for (const { customer, sub, model } of customers) {
        const fresh = await h.stripe.customers.retrieve(customer.id);
        if (fresh.deleted) throw new Error('customer vanished');
        expect(fresh.name).toBe(model.name);
        expect(fresh.invoice_settings.default_payment_method).toBe(model.defaultCard);
        const taxIds = await h.stripe.customers.listTaxIds(customer.id, { limit: 100 });
        expect(taxIds.data.map((t) => t.id).sort()).toEqual([...model.taxIds].sort());
        const s = await h.stripe.subscriptions.retrieve(sub.id);
        expect(s.cancel_at_period_end).toBe(model.canceling);
        expect(s.pause_collection !== null).toBe(model.paused);
        expect(s.items.data.map((i) => i.price.id)).toEqual([model.price]);
        expect(s.schedule).toBeNull(); // no half-made schedule left behind
      }
      expect(stats.unhandled).toBe(0);
      expect(stats.actions).toBeGreaterThanOrEqual(300);
      expect(faultAnswers + faulty.lostResponses()).toBeGreaterThan(50); // the run was actually hostile
      console.log(
        `[stripe-faults] ${stats.actions} portal actions (${stats.mutations} mutations, ${stats.attempts} attempts) over ${wire.length} Stripe requests; faults injected: ${faultAnswers} error/dropped answers + ${faulty.lostResponses()} lost responses; ${stats.retryableFailures} failures reported retryable, ${stats.otherFailures.length} otherwise; keys applied twice: 0; unhandled rejections: ${stats.unhandled}; emulator log entries: ${injected}; 429 answers (injected and rate limit): ${rateLimited}`,
      );
    },
  );
});
