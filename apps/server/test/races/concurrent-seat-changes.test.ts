import { DEMO } from '@portal/stripe-emulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { trpcMutation, trpcQuery, twoInstances, type Answer, type Cluster } from './two-instances';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

let cluster: Cluster;
beforeAll(async () => {
  cluster = await twoInstances();
});
afterAll(() => cluster?.close());

const subscriptionId = DEMO.subscriptions.multiSeat;

describe('issue 15 item 3: concurrent confirms of one customer, two sessions, two instances', () => {
  it('serialises them: each decision is taken on a fresh read, decreases stay booked for the period end, 0 5xx', async () => {
    const [a, b] = cluster.instances;
    // Margaret (Team, 5 seats) is signed in twice, once on each instance.
    const [cookieA, cookieB] = await Promise.all([a.login('margaret@example.com'), b.login('margaret@example.com')]);
    const sub = await cluster.stripe.subscriptions.retrieve(subscriptionId);
    const itemId = sub.items.data[0]!.id;
    const invoicesBefore = new Set(
      (await cluster.stripe.invoices.list({ customer: DEMO.customers.multiSeat, limit: 100 })).data.map((i) => i.id),
    );

    // Each session previews its own change (5→6 and 5→7 seats), then confirms it ten times over,
    // each confirm a separate click with its own idempotency key, all at once across both servers.
    const previewA = await trpcQuery<{ prorationDate: number; timing: string }>(
      a,
      cookieA,
      'billing.subscription.previewChange',
      { subscriptionId, items: [{ itemId, quantity: 6 }] },
    );
    const previewB = await trpcQuery<{ prorationDate: number; timing: string }>(
      b,
      cookieB,
      'billing.subscription.previewChange',
      { subscriptionId, items: [{ itemId, quantity: 7 }] },
    );
    expect([previewA.timing, previewB.timing]).toEqual(['now', 'now']);
    const confirms: Promise<Answer & { wanted: number }>[] = [];
    for (let n = 0; n < 10; n++) {
      for (const [instance, cookie, quantity, preview] of [
        [a, cookieA, 6, previewA],
        [b, cookieB, 7, previewB],
      ] as const) {
        confirms.push(
          trpcMutation(instance, cookie, 'billing.subscription.change', {
            idempotencyKey: crypto.randomUUID(),
            subscriptionId,
            items: [{ itemId, quantity }],
            prorationDate: preview.prorationDate,
          }).then((r) => ({ ...r, wanted: quantity })),
        );
      }
    }
    const answers = await Promise.all(confirms);

    const serverErrors = answers.filter((r) => r.status >= 500);
    const applied = answers.filter((r) => r.status === 200);
    const refused = answers.filter((r) => r.status >= 400 && r.status < 500);
    const reasons = refused.map((r) => r.body.error?.data?.reason);
    const timings = applied.map((r) => (r.body.result?.data as { timing: string }).timing);
    console.info(
      `20 concurrent confirms: ${applied.length} applied (${timings.join(', ')}), ${refused.length} refused (${[...new Set(reasons)].join(', ')}), ${serverErrors.length} 5xx`,
    );

    expect(serverErrors).toEqual([]);
    expect(applied.length + refused.length).toBe(20);
    // Every refusal is typed, so the SPA can say why.
    expect(reasons.every((r) => typeof r === 'string')).toBe(true);
    // One change per distinct decision: the first confirm of each target applies, the rest find it
    // done ("nothing to change") or a decrease already booked; at most 6 → 7 → (6 booked).
    expect(applied.length).toBeGreaterThanOrEqual(1);
    expect(applied.length).toBeLessThanOrEqual(3);

    // No credit was ever given: every invoice the confirms made charges, none refunds a decrease.
    const made = (await cluster.stripe.invoices.list({ customer: DEMO.customers.multiSeat, limit: 100 })).data.filter(
      (i) => !invoicesBefore.has(i.id!),
    );
    expect(made.every((i) => i.total > 0)).toBe(true);
    expect(made.length).toBe(timings.filter((t) => t === 'now').length);

    // The end state is one of the serial outcomes, and a decrease is a schedule, never applied now.
    const after = await cluster.stripe.subscriptions.retrieve(subscriptionId, { expand: ['schedule'] });
    const seats = after.items.data[0]!.quantity;
    expect([6, 7]).toContain(seats);
    if (timings.includes('period_end')) {
      expect(seats).toBe(7);
      const schedule = after.schedule as { phases: { items: { quantity?: number }[] }[] };
      expect(schedule.phases.at(-1)!.items[0]!.quantity).toBe(6);
    }
  });
});
