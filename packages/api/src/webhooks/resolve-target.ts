import type { ChangedResource } from '@portal/contract';
import type Stripe from 'stripe';
import type { Deps } from '../context';
import { isStripeMissing } from '../refusals';
import type { FreshReads } from './fresh-reads';
import { idOf } from '../stripe/ids';

/** Whose billing an event touched and what to refetch; null when no customer's screen changes. */
export interface ChangeTarget {
  customerId: string | null;
  resource: ChangedResource | null;
  id: string;
}

/** `reads` shares one re-read of an object between the events that arrived before it started. */
type Resolver = (deps: Deps, event: Stripe.Event, reads: FreshReads) => Promise<ChangeTarget>;

/** The object as Stripe has it now; a deleted one (404) falls back to the signed payload. */
function reread<T>(reads: FreshReads, key: string, read: () => Promise<T>): Promise<T | null> {
  return reads.read(key, async () => {
    try {
      return await read();
    } catch (error) {
      if (isStripeMissing(error)) return null;
      throw error;
    }
  });
}

/*
 * What an event does here is order-independent: it names whose mirror to re-sync and which part
 * of their screen to refetch, and the sync reads Stripe. The payload's *state* is never
 * applied. So an object is re-read only when the customer it belongs to can change after the
 * event was sent (a payment method moves between customers). A subscription's, an invoice's and
 * a tax ID's customer is fixed at creation, and a customer is its own id: for those the signed
 * payload names the right customer whatever the order of arrival, and a re-read would only spend
 * Stripe's rate limit (docs/decisions/009).
 */

const subscription: Resolver = async (_deps, event) => {
  const payload = event.data.object as Stripe.Subscription;
  return { customerId: idOf(payload.customer), resource: 'subscriptions', id: payload.id };
};

const taxId: Resolver = async (_deps, event) => {
  const payload = event.data.object as Stripe.TaxId;
  return { customerId: idOf(payload.customer), resource: 'taxIds', id: payload.id };
};

/** `customer.*` also carries discounts and sources, which name their customer instead of being one. */
const customer: Resolver = async (_deps, event) => {
  const payload = event.data.object as { id: string; object: string; customer?: string | { id: string } | null };
  if (payload.object !== 'customer') {
    return {
      customerId: idOf(payload.customer),
      resource: payload.object === 'discount' ? 'subscriptions' : 'customer',
      id: payload.id,
    };
  }
  return { customerId: payload.id, resource: 'customer', id: payload.id };
};

/**
 * A payment method is attached to one customer, detached, maybe attached to another: route by its
 * owner as Stripe has it now. A detached method has no customer any more: the previous one is in
 * `previous_attributes`.
 */
const paymentMethod: Resolver = async (deps, event, reads) => {
  const payload = event.data.object as Stripe.PaymentMethod;
  const fresh = await reread(reads, `payment_method ${payload.id}`, () =>
    deps.stripe.paymentMethods.retrieve(payload.id),
  );
  const previous = (event.data.previous_attributes as { customer?: string | null } | undefined)?.customer;
  const customerId = idOf(fresh ? fresh.customer : payload.customer) ?? previous ?? null;
  return { customerId, resource: 'paymentMethods', id: payload.id };
};

const invoice: Resolver = async (_deps, event) => {
  const payload = event.data.object as Stripe.Invoice;
  return { customerId: idOf(payload.customer), resource: 'invoices', id: payload.id ?? '' };
};

/**
 * A payment attempt (PaymentIntent, Charge) shows on the customer's invoices; a SetupIntent ends
 * in a saved card. Their customer is fixed at creation, so the payload names it.
 */
const payment: Resolver = async (_deps, event) => {
  const payload = event.data.object as { id: string; customer?: string | { id: string } | null };
  return { customerId: idOf(payload.customer), resource: 'invoices', id: payload.id };
};

const setupIntent: Resolver = async (_deps, event) => {
  const payload = event.data.object as Stripe.SetupIntent;
  return { customerId: idOf(payload.customer), resource: 'paymentMethods', id: payload.id };
};

/**
 * Recorded, nothing to refresh: an InvoicePayment always comes with its invoice's own events
 * (`invoice.paid`), which refresh the invoices; a test clock is no customer's screen.
 */
const ledgerOnly: Resolver = async (_deps, event) => ({
  customerId: null,
  resource: null,
  id: (event.data.object as { id: string }).id,
});

/** Portal sessions cannot be retrieved from Stripe; the signed payload is all there is. */
const portal: Resolver = async (_deps, event) => {
  const payload = event.data.object as { id: string; customer?: string | null };
  return { customerId: payload.customer ?? null, resource: 'portal', id: payload.id };
};

const catalog: Resolver = async (deps, event) => {
  await deps.catalog.invalidate();
  return { customerId: null, resource: null, id: (event.data.object as { id: string }).id };
};

/** Most specific prefix first: `customer.subscription.` and `customer.tax_id.` before `customer.`. */
const RESOLVERS: [prefix: string, resolver: Resolver][] = [
  ['customer.subscription.', subscription],
  ['customer.tax_id.', taxId],
  ['customer.', customer],
  ['payment_method.', paymentMethod],
  ['invoice.', invoice],
  ['invoice_payment.', ledgerOnly],
  ['payment_intent.', payment],
  ['charge.', payment],
  ['setup_intent.', setupIntent],
  ['test_helpers.test_clock.', ledgerOnly],
  ['billing_portal.', portal],
  ['product.', catalog],
  ['price.', catalog],
];

export function resolverFor(type: string): Resolver | null {
  return RESOLVERS.find(([prefix]) => type.startsWith(prefix))?.[1] ?? null;
}
