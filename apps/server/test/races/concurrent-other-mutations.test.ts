import { DEMO } from '@portal/stripe-emulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { trpcMutation, twoInstances, type Answer, type Cluster, type Instance } from './two-instances';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

let cluster: Cluster;
beforeAll(async () => {
  cluster = await twoInstances();
});
afterAll(() => cluster?.close());

/** `n` concurrent calls of one mutation, alternating between two sessions on two instances; each a new click (new key). */
async function race(
  sessions: Array<[Instance, string]>,
  path: string,
  input: Record<string, unknown>,
  n = 10,
): Promise<{ ok: number; refused: (string | null | undefined)[]; serverErrors: Answer[] }> {
  const answers = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      trpcMutation(sessions[i % 2]![0], sessions[i % 2]![1], path, { ...input, idempotencyKey: crypto.randomUUID() }),
    ),
  );
  const summary = {
    ok: answers.filter((a) => a.status === 200).length,
    refused: answers.filter((a) => a.status >= 400 && a.status < 500).map((a) => a.body.error?.data?.reason),
    serverErrors: answers.filter((a) => a.status >= 500),
  };
  console.info(
    `${n} concurrent ${path}: ${summary.ok} ok, ${summary.refused.length} refused (${[...new Set(summary.refused)].join(', ')}), ${summary.serverErrors.length} 5xx`,
  );
  return summary;
}

describe('issue 15: other money-changing mutations under a race (two sessions, two instances)', () => {
  it('cancel, reactivate and remove a card: each happens once, the rest are refusals (4xx), 0 5xx', async () => {
    const [a, b] = cluster.instances;
    const sessions: Array<[Instance, string]> = [
      [a, await a.login('ada@example.com')],
      [b, await b.login('ada@example.com')],
    ];
    const subscriptionId = DEMO.subscriptions.active;

    const cancel = await race(sessions, 'billing.subscription.cancel', { subscriptionId, reason: 'too_expensive' });
    expect([cancel.ok, cancel.refused.length, cancel.serverErrors.length]).toEqual([1, 9, 0]);
    expect(cancel.refused.every((r) => r === 'ACTION_UNAVAILABLE')).toBe(true);

    const reactivate = await race(sessions, 'billing.subscription.reactivate', { subscriptionId });
    expect([reactivate.ok, reactivate.refused.length, reactivate.serverErrors.length]).toEqual([1, 9, 0]);
    expect((await cluster.stripe.subscriptions.retrieve(subscriptionId)).cancel_at_period_end).toBe(false);

    // A card added in the browser; removing it ten times at once detaches it once.
    const card = await cluster.stripe.paymentMethods.attach('pm_card_mastercard', { customer: DEMO.customers.active });
    const remove = await race(sessions, 'billing.paymentMethods.remove', { paymentMethodId: card.id });
    expect([remove.ok, remove.refused.length, remove.serverErrors.length]).toEqual([1, 9, 0]);
    // The card is gone by then: the typed NOT_FOUND reason, worded like any unknown card.
    expect(remove.refused.every((r) => r === 'NOT_FOUND')).toBe(true);
  });
});
