import { DEMO } from '@portal/stripe-emulator';
import type { FastifyInstance } from 'fastify';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoSignIn, testApp } from './harness';

// Building an app (PGlite, migrations, demo users) is slow when every test file does it at once.
vi.setConfig({ testTimeout: 20_000, hookTimeout: 60_000 });

let app: FastifyInstance;
let stripe: Stripe;
let cookie: string;
beforeAll(async () => {
  ({ app, stripe } = await testApp());
  cookie = await demoSignIn(app, 'alan@example.com');
});
afterAll(() => app.close());

const query = (path: string, input?: unknown) =>
  app.inject({
    method: 'GET',
    url: `/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
    headers: { cookie },
  });
const mutate = (path: string, input: unknown) =>
  app.inject({
    method: 'POST',
    url: `/trpc/${path}`,
    headers: { cookie, 'content-type': 'application/json' },
    payload: JSON.stringify(input),
  });

describe('a past-due customer fixes their billing over HTTP', () => {
  it('sees the open invoice, gets the decline code for the failing card, then pays with a new card', async () => {
    const open = await query('billing.invoices.list', { status: 'open' });
    expect(open.statusCode).toBe(200);
    const invoice = open.json().result.data.invoices[0];
    expect(invoice).toMatchObject({ status: 'open', pastDue: true });

    const declined = await mutate('billing.invoices.pay', {
      idempotencyKey: crypto.randomUUID(),
      invoiceId: invoice.id,
      paymentMethodId: DEMO.paymentMethods.pastDueFailing,
    });
    expect(declined.statusCode).toBe(400);
    expect(declined.json().error.data).toMatchObject({
      reason: 'CARD_DECLINED',
      declineCode: expect.stringMatching(/\w+/),
    });

    // The browser would confirm a SetupIntent; the emulator attaches the card the same way.
    const card = await stripe.paymentMethods.attach('pm_card_visa', { customer: DEMO.customers.pastDue });
    const paid = await mutate('billing.invoices.pay', {
      idempotencyKey: crypto.randomUUID(),
      invoiceId: invoice.id,
      paymentMethodId: card.id,
    });
    expect(paid.statusCode).toBe(200);
    expect(paid.json().result.data).toMatchObject({ status: 'paid', invoice: { id: invoice.id, status: 'paid' } });
    const after = await query('billing.invoices.list', { status: 'open' });
    expect(after.json().result.data.invoices.map((i: { id: string }) => i.id)).not.toContain(invoice.id);
  });
});
