import { DEMO } from '@portal/stripe-emulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { trpcMutation, trpcQuery, twoInstances, type Cluster } from './two-instances';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 90_000 });

let cluster: Cluster;
beforeAll(async () => {
  cluster = await twoInstances();
});
afterAll(() => cluster?.close());

describe('issue 15 item 4: paying one invoice twenty times at once', () => {
  it('pays it once; every other attempt is told it is already paid (typed), none answers 5xx', async () => {
    const [a, b] = cluster.instances;
    const [cookieA, cookieB] = await Promise.all([a.login('alan@example.com'), b.login('alan@example.com')]);
    const card = await cluster.stripe.paymentMethods.attach('pm_card_visa', { customer: DEMO.customers.pastDue });
    const open = await trpcQuery<{ invoices: { id: string; status: string }[] }>(a, cookieA, 'billing.invoices.list', {
      status: 'open',
    });
    const invoiceId = open.invoices[0]!.id;

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        trpcMutation(n % 2 ? b : a, n % 2 ? cookieB : cookieA, 'billing.invoices.pay', {
          idempotencyKey: crypto.randomUUID(),
          invoiceId,
          paymentMethodId: card.id,
        }),
      ),
    );
    const paid = answers.filter((r) => r.status === 200);
    const refusals = answers.filter((r) => r.status >= 400 && r.status < 500);
    const serverErrors = answers.filter((r) => r.status >= 500);
    console.info(
      `20 concurrent pays: ${paid.length} paid, ${refusals.length} refused (${[...new Set(refusals.map((r) => r.body.error?.data?.reason))].join(', ')}), ${serverErrors.length} 5xx`,
    );

    expect(serverErrors).toEqual([]);
    expect(paid).toHaveLength(1);
    expect(refusals).toHaveLength(19);
    expect(refusals.every((r) => r.body.error?.data?.reason === 'INVOICE_ALREADY_PAID')).toBe(true);
    // Charged once: one successful payment for the invoice, whatever the number of clicks.
    const invoice = await cluster.stripe.invoices.retrieve(invoiceId);
    expect(invoice.status).toBe('paid');
    expect(invoice.amount_paid).toBe(invoice.amount_due);
  });
});
