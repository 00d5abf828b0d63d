import type { BillingChange } from '@portal/contract';
import { auditRepo } from '@portal/db';
import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { processStripeEvent } from '../src/webhooks/process-event';
import { codeOf } from './fixtures';
import { useApiSuite } from './suite';

const { h, f } = useApiSuite();

let n = 0;
const eventOf = (type: string, object: unknown, previous?: Record<string, unknown>) =>
  ({
    id: `evt_test_${++n}_${Date.now()}`,
    object: 'event',
    type,
    created: Math.floor(Date.now() / 1000),
    data: { object, ...(previous ? { previous_attributes: previous } : {}) },
  }) as unknown as Stripe.Event;

/** Collects what one customer's open SPA would receive. */
function listen(customerId: string) {
  const got: BillingChange[] = [];
  const stop = h.deps.changes.subscribe(customerId, (c) => got.push(c));
  return { got, stop };
}

describe('webhook events take effect once and reach the customer', () => {
  it('applies an event once: one audit row, one notification, however often it is delivered', async () => {
    const { customer } = await f.newCustomer();
    const { got, stop } = listen(customer.id);
    const event = eventOf('customer.updated', customer);
    expect(await processStripeEvent(h.deps, event)).toBe('applied');
    expect(await processStripeEvent(h.deps, event)).toBe('duplicate');
    const [a, b] = await Promise.all([processStripeEvent(h.deps, event), processStripeEvent(h.deps, event)]);
    expect([a, b]).toEqual(['duplicate', 'duplicate']);
    stop();
    expect(got).toEqual([{ type: 'customer.updated', resource: 'customer', id: customer.id, at: expect.any(String) }]);
    const rows = await auditRepo(h.deps.db).list({ customerId: customer.id, action: 'webhook:*' });
    expect(rows.map((r) => [r.action, r.actor_role])).toEqual([['webhook:customer.updated', 'system']]);
  });

  it('routes by the object as Stripe has it now, not by what the payload claims', async () => {
    const owner = await f.newCustomer({ cards: ['pm_card_visa'] });
    const bystander = await f.newCustomer();
    const toOwner = listen(owner.customer.id);
    const toBystander = listen(bystander.customer.id);
    const forged = { ...owner.cards[0]!, customer: bystander.customer.id };
    await processStripeEvent(h.deps, eventOf('payment_method.attached', forged));
    toOwner.stop();
    toBystander.stop();
    expect(toOwner.got.map((c) => c.resource)).toEqual(['paymentMethods']);
    expect(toBystander.got).toEqual([]);
  });

  it('finds the customer of a detached card in previous_attributes', async () => {
    const { customer, cards } = await f.newCustomer({ cards: ['pm_card_visa'] });
    const detached = await h.stripe.paymentMethods.detach(cards[0]!.id);
    const { got, stop } = listen(customer.id);
    await processStripeEvent(h.deps, eventOf('payment_method.detached', detached, { customer: customer.id }));
    stop();
    expect(got.map((c) => [c.type, c.id])).toEqual([['payment_method.detached', cards[0]!.id]]);
  });

  it('maps subscription, invoice, tax ID and portal events to the part of the screen they change', async () => {
    const { customer } = await f.newCustomer({ cards: ['pm_card_visa'], subscribe: true });
    const subscription = (await h.stripe.subscriptions.list({ customer: customer.id })).data[0]!;
    const invoice = (await h.stripe.invoices.list({ customer: customer.id })).data[0]!;
    const taxId = await h.stripe.customers.createTaxId(customer.id, { type: 'eu_vat', value: 'DE123456789' });
    const { got, stop } = listen(customer.id);
    await processStripeEvent(h.deps, eventOf('customer.subscription.updated', subscription));
    await processStripeEvent(h.deps, eventOf('invoice.paid', invoice));
    await processStripeEvent(h.deps, eventOf('customer.tax_id.updated', taxId));
    await processStripeEvent(
      h.deps,
      eventOf('billing_portal.session.created', {
        id: 'bps_1',
        object: 'billing_portal.session',
        customer: customer.id,
      }),
    );
    stop();
    expect(got.map((c) => c.resource)).toEqual(['subscriptions', 'invoices', 'taxIds', 'portal']);
  });

  it('records an unknown event type in the ledger without announcing anything', async () => {
    const event = eventOf('radar.early_fraud_warning.created', { id: 'issfr_1' });
    expect(await processStripeEvent(h.deps, event)).toBe('ignored');
    expect(await processStripeEvent(h.deps, event)).toBe('duplicate');
  });
});

describe('billing.changes', () => {
  it("streams the viewer's own customer's changes only", async () => {
    const mine = await f.newCustomer();
    const other = await f.newCustomer();
    const stream = await (await mine.caller()).billing.changes();
    const iterator = stream[Symbol.asyncIterator]();
    const next = iterator.next();
    await new Promise((r) => setTimeout(r, 10));
    await processStripeEvent(h.deps, eventOf('customer.updated', other.customer));
    await processStripeEvent(h.deps, eventOf('customer.updated', mine.customer));
    const first = await next;
    expect(first.value).toMatchObject({ type: 'customer.updated', resource: 'customer', id: mine.customer.id });
    await iterator.return?.();
    expect(h.deps.changes.listenerCount(mine.customer.id)).toBe(0);
  });

  it('is UNAUTHORIZED anonymously', async () => {
    expect(await codeOf((async () => (await f.callerAs(null)).billing.changes())())).toBe('UNAUTHORIZED');
  });
});
