import { randomUUID } from 'node:crypto';
import { PortalConfigFile } from '@portal/contract';
import { DEMO } from '@portal/stripe-emulator';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { createCatalogCache } from '../../src/stripe/catalog-cache';
import { testPortalConfig } from '../harness';
import { backoff, faultyStripe, seeded } from './faulty-stripe';
import { useApiSuite } from '../suite';

/**
 * A downgrade booked for the period end takes two Stripe writes (create a schedule from the
 * subscription, then set its phases). Under faults, a client retrying with the same key must end
 * with one schedule carrying the new plan: never a bare schedule, never a refused retry.
 */
const ROUNDS = 30;
const { h, f } = useApiSuite();

describe('scheduled downgrades under Stripe faults', () => {
  it(
    'ends with exactly one schedule holding the new plan for each confirmed downgrade',
    { timeout: 90_000 },
    async () => {
      const config = PortalConfigFile.parse({
        ...testPortalConfig,
        default: {
          ...testPortalConfig.default,
          features: {
            ...testPortalConfig.default.features,
            subscription_update: {
              ...testPortalConfig.default.features.subscription_update,
              schedule_at_period_end: { conditions: ['decreasing_item_amount'] },
            },
          },
        },
      });
      const wire = { lostResponseRate: 0.1, random: seeded(77) };
      const faulty = faultyStripe(h.emulator, wire);
      const overrides = { stripe: faulty.stripe, catalog: createCatalogCache(faulty.stripe), portalConfig: config };
      const subjects = [];
      for (let i = 0; i < ROUNDS; i++) {
        const c = await f.newCustomer({ cards: ['pm_card_visa'] });
        const sub = await h.stripe.subscriptions.create({
          customer: c.customer.id,
          items: [{ price: DEMO.prices.businessMonthly }],
        });
        subjects.push({ sub, caller: await c.caller(overrides) });
      }
      h.emulator.core.control.faults = { rate: 0.15, statuses: [500, 409, 429], dropRate: 0.05 };
      let failures = 0;
      const unexpected: string[] = [];
      const pending: Array<() => Promise<{ timing: string }>> = [];
      const book = async (run: () => Promise<{ timing: string }>, label: string, attempts: number) => {
        for (let attempt = 0; attempt < attempts; attempt++) {
          try {
            expect((await run()).timing).toBe('period_end');
            return true;
          } catch (error) {
            const code = error instanceof TRPCError ? error.code : String(error);
            if (code !== 'SERVICE_UNAVAILABLE') {
              unexpected.push(`${label}: ${code} ${(error as Error).message}`);
              return true;
            }
            failures++;
            await backoff(attempt);
          }
        }
        return false;
      };
      await Promise.all(
        subjects.map(async ({ sub, caller }) => {
          const idempotencyKey = randomUUID();
          const items = [{ itemId: sub.items.data[0]!.id, priceId: DEMO.prices.proMonthly }];
          const run = () =>
            caller.billing.subscription.change({
              idempotencyKey,
              subscriptionId: sub.id,
              items,
              prorationDate: Math.floor(Date.now() / 1000),
            });
          if (!(await book(run, sub.id, 10))) pending.push(run);
        }),
      );
      // Stripe recovers: every action still failing is retried with its same key, and must then go
      // through (that is what "retryable" promised), finishing whatever the faults left. Stripe's
      // rate limit still applies, so the client keeps backing off on a 429 as it would in production.
      h.emulator.core.control.faults = { rate: 0, statuses: [500], dropRate: 0 };
      wire.lostResponseRate = 0;
      for (const run of pending)
        if (!(await book(run, 'after recovery', 6))) unexpected.push('a retry after recovery still failed');
      expect(unexpected).toEqual([]);
      for (const { sub } of subjects) {
        const fresh = await h.stripe.subscriptions.retrieve(sub.id);
        expect(fresh.items.data[0]!.price.id).toBe(DEMO.prices.businessMonthly); // unchanged until the period ends
        const scheduleId = typeof fresh.schedule === 'string' ? fresh.schedule : fresh.schedule?.id;
        expect(scheduleId, `${sub.id} has its downgrade booked`).toBeTruthy();
        const schedule = await h.stripe.subscriptionSchedules.retrieve(scheduleId!);
        expect(schedule.phases.at(-1)?.items.map((i) => (typeof i.price === 'string' ? i.price : i.price.id))).toEqual([
          DEMO.prices.proMonthly,
        ]);
      }
      console.log(
        `[scheduled-change-faults] ${ROUNDS} downgrades booked under faults (${failures} retryable failures, ${faulty.lostResponses()} lost responses, ${pending.length} finished after Stripe recovered): each ends with one schedule carrying the new plan`,
      );
    },
  );
});
