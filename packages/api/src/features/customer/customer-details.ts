import { ErrorReason, type CustomerDetailsView, type CustomerField, type UpdateCustomerInput } from '@portal/contract';
import { TRPCError } from '@trpc/server';
import Stripe from 'stripe';
import type { Deps } from '../../context';
import { editableFields, toCustomerDetailsView, toStripeAddress } from '../../mappers/customer';
import { customerWithConfig, featureDisabled } from '../../viewer/guards';
import { selectConfiguration } from '../../config';
import { billingStateOf } from '../../mirror/billing-state';

export async function getCustomerDetails(deps: Deps, customerId: string): Promise<CustomerDetailsView> {
  const customer = await (await billingStateOf(deps, customerId)).customer();
  return toCustomerDetailsView(customer, selectConfiguration(deps.portalConfig, customer));
}

type Changes = Omit<UpdateCustomerInput, 'idempotencyKey'>;

const FIELD_OF: Record<keyof Changes, CustomerField> = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  address: 'address',
  shipping: 'shipping',
  preferredLocales: 'preferred_locales',
};

function toParams(changes: Changes): Stripe.CustomerUpdateParams {
  const params: Stripe.CustomerUpdateParams = {};
  if (changes.name !== undefined) params.name = changes.name;
  if (changes.email !== undefined) params.email = changes.email;
  if (changes.phone !== undefined) params.phone = changes.phone;
  // Stripe clears an address or shipping with '' (not null).
  if (changes.address !== undefined) params.address = changes.address === null ? '' : toStripeAddress(changes.address);
  if (changes.shipping !== undefined) {
    params.shipping =
      changes.shipping === null
        ? ''
        : {
            name: changes.shipping.name,
            address: toStripeAddress(changes.shipping.address),
            ...(changes.shipping.phone ? { phone: changes.shipping.phone } : {}),
          };
  }
  if (changes.preferredLocales !== undefined) params.preferred_locales = changes.preferredLocales;
  return params;
}

/** Every field sent must be one the configuration lets customers edit; one refused field refuses all. */
export async function updateCustomerDetails(
  deps: Deps,
  customerId: string,
  changes: Changes,
  key: (action: string) => string,
): Promise<CustomerDetailsView> {
  const { config } = await customerWithConfig(deps, customerId);
  const allowed = new Set(editableFields(config));
  const present = (Object.keys(FIELD_OF) as (keyof Changes)[]).filter((k) => changes[k] !== undefined);
  const refused = present.map((k) => FIELD_OF[k]).filter((f) => !allowed.has(f));
  if (refused.length > 0)
    throw featureDisabled('customer_details', `These details cannot be changed here: ${refused.join(', ')}.`);
  try {
    const updated = await deps.stripe.customers.update(customerId, toParams(changes), {
      idempotencyKey: key('customer.update'),
    });
    return toCustomerDetailsView(updated, config);
  } catch (error) {
    // A value Stripe rejects (an address it cannot use, an over-long phone) is the customer's to fix.
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 400 && error.param) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: error.message,
        cause: { reason: ErrorReason.invalidDetails, params: { field: error.param } },
      });
    }
    throw error;
  }
}
