import type { PortalConfiguration } from '@portal/contract';
import type Stripe from 'stripe';
import { selectConfiguration } from '../config';
import type { Deps } from '../context';
import { featureDisabled, isStripeMissing, notFound, type Missing } from '../refusals';

export { featureDisabled, notFound };

/** Runs a Stripe read of an id the client sent; a 404 becomes our NOT_FOUND. */
export async function findOrNotFound<T>(what: Missing, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (isStripeMissing(error)) throw notFound(what);
    throw error;
  }
}

/** The one customer read: missing or deleted in Stripe, the caller gets NOT_FOUND (never a 500). */
export async function loadCustomer(
  deps: Pick<Deps, 'stripe'>,
  customerId: string,
  expand?: string[],
): Promise<Stripe.Customer> {
  const customer = await findOrNotFound('customer', () =>
    deps.stripe.customers.retrieve(customerId, expand ? { expand } : {}).catch(async (error: unknown) => {
      // Stripe refuses to expand a deleted customer's fields (400); the plain read says "deleted".
      if (!expand || isStripeMissing(error)) throw error;
      const plain = await deps.stripe.customers.retrieve(customerId);
      if ('deleted' in plain && plain.deleted) return plain;
      throw error;
    }),
  );
  if ('deleted' in customer && customer.deleted) throw notFound('customer');
  return customer as Stripe.Customer;
}

/** The customer and the portal configuration of their segment (one Stripe read). */
export async function customerWithConfig(
  deps: Pick<Deps, 'stripe' | 'portalConfig'>,
  customerId: string,
): Promise<{ customer: Stripe.Customer; config: PortalConfiguration }> {
  const customer = await loadCustomer(deps, customerId);
  return { customer, config: selectConfiguration(deps.portalConfig, customer) };
}
