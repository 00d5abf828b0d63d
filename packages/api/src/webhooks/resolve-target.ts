import type { ChangedResource } from '@portal/contract';
import type Stripe from 'stripe';
import type { Deps } from '../context';
import { isStripeMissing } from '../refusals';

/** Whose billing an event touched and what to refetch; null when no customer's screen changes. */
export interface ChangeTarget {
  customerId: string | null;
  resource: ChangedResource | null;
  id: string;
}

type Resolver = (deps: Deps, event: Stripe.Event) => Promise<ChangeTarget>;

const idOf = (x: string | { id: string } | null | undefined): string | null => (x ? (typeof x === 'string' ? x : x.id) : null);

/** The object as Stripe has it now; a deleted one (404) falls back to the signed payload. */
async function reread<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (isStripeMissing(error)) return null;
    throw error;
  }
}

const subscription: Resolver = async (deps, event) => {
  const payload = event.data.object as Stripe.Subscription;
  const fresh = await reread(() => deps.stripe.subscriptions.retrieve(payload.id));
  return { customerId: idOf((fresh ?? payload).customer), resource: 'subscriptions', id: payload.id };
};

const taxId: Resolver = async (deps, event) => {
  const payload = event.data.object as Stripe.TaxId;
  const customerId = idOf(payload.customer);
  if (customerId && event.type !== 'customer.tax_id.deleted') await reread(() => deps.stripe.customers.retrieveTaxId(customerId, payload.id));
  return { customerId, resource: 'taxIds', id: payload.id };
};

/** `customer.*` also carries discounts and sources, which name their customer instead of being one. */
const customer: Resolver = async (deps, event) => {
  const payload = event.data.object as { id: string; object: string; customer?: string | { id: string } | null };
  if (payload.object !== 'customer') {
    return { customerId: idOf(payload.customer), resource: payload.object === 'discount' ? 'subscriptions' : 'customer', id: payload.id };
  }
  const fresh = await reread(() => deps.stripe.customers.retrieve(payload.id));
  return { customerId: fresh?.id ?? payload.id, resource: 'customer', id: payload.id };
};

/** A detached method has no customer any more: the previous one is in `previous_attributes`. */
const paymentMethod: Resolver = async (deps, event) => {
  const payload = event.data.object as Stripe.PaymentMethod;
  const fresh = await reread(() => deps.stripe.paymentMethods.retrieve(payload.id));
  const previous = (event.data.previous_attributes as { customer?: string | null } | undefined)?.customer;
  const customerId = idOf(fresh ? fresh.customer : payload.customer) ?? previous ?? null;
  return { customerId, resource: 'paymentMethods', id: payload.id };
};

const invoice: Resolver = async (deps, event) => {
  const payload = event.data.object as Stripe.Invoice;
  const fresh = payload.id ? await reread(() => deps.stripe.invoices.retrieve(payload.id!)) : null;
  return { customerId: idOf((fresh ?? payload).customer), resource: 'invoices', id: payload.id ?? '' };
};

/** Portal sessions cannot be retrieved from Stripe; the signed payload is all there is. */
const portal: Resolver = async (_deps, event) => {
  const payload = event.data.object as { id: string; customer?: string | null };
  return { customerId: payload.customer ?? null, resource: 'portal', id: payload.id };
};

const catalog: Resolver = async (deps, event) => {
  deps.catalog.invalidate();
  return { customerId: null, resource: null, id: (event.data.object as { id: string }).id };
};

/** Most specific prefix first: `customer.subscription.` and `customer.tax_id.` before `customer.`. */
const RESOLVERS: [prefix: string, resolver: Resolver][] = [
  ['customer.subscription.', subscription],
  ['customer.tax_id.', taxId],
  ['customer.', customer],
  ['payment_method.', paymentMethod],
  ['invoice.', invoice],
  ['billing_portal.', portal],
  ['product.', catalog],
  ['price.', catalog],
];

export function resolverFor(type: string): Resolver | null {
  return RESOLVERS.find(([prefix]) => type.startsWith(prefix))?.[1] ?? null;
}
