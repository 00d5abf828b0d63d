import type {
  AddressView,
  CustomerDetailsView,
  CustomerField,
  PortalConfiguration,
  TaxIdView,
  UpdateCustomerInput,
} from '@portal/contract';
import type Stripe from 'stripe';

export function toAddressView(a: Stripe.Address | null | undefined): AddressView | null {
  if (!a) return null;
  return {
    line1: a.line1,
    line2: a.line2,
    city: a.city,
    state: a.state,
    postalCode: a.postal_code,
    country: a.country,
  };
}

type AddressInput = NonNullable<UpdateCustomerInput['address']>;

/** Absent optional parts are sent as '' so an update clears them instead of keeping stale lines. */
export function toStripeAddress(a: AddressInput): Stripe.AddressParam {
  return {
    line1: a.line1,
    line2: a.line2 ?? '',
    city: a.city,
    state: a.state ?? '',
    postal_code: a.postalCode ?? '',
    country: a.country,
  };
}

/** Stripe's `allowed_updates` names plus the language preference, which needs no special permission. */
export function editableFields(config: PortalConfiguration): CustomerField[] {
  const update = config.features.customer_update;
  if (!update.enabled) return [];
  const fields = update.allowed_updates.filter((f): f is Exclude<typeof f, 'tax_id'> => f !== 'tax_id');
  return [...fields, 'preferred_locales'];
}

export function taxIdsEditable(config: PortalConfiguration): boolean {
  const update = config.features.customer_update;
  return update.enabled && update.allowed_updates.includes('tax_id');
}

export function toCustomerDetailsView(c: Stripe.Customer, config: PortalConfiguration): CustomerDetailsView {
  const shippingAddress = toAddressView(c.shipping?.address);
  return {
    id: c.id,
    name: c.name ?? null,
    email: c.email,
    phone: c.phone ?? null,
    address: toAddressView(c.address),
    shipping:
      c.shipping && shippingAddress
        ? { name: c.shipping.name ?? '', phone: c.shipping.phone ?? null, address: shippingAddress }
        : null,
    preferredLocales: c.preferred_locales ?? [],
    editableFields: editableFields(config),
    taxIdsEditable: taxIdsEditable(config),
  };
}

const VERIFICATION = new Set(['pending', 'verified', 'unverified', 'unavailable']);

export function toTaxIdView(t: Stripe.TaxId): TaxIdView {
  const status = t.verification?.status ?? null;
  return {
    id: t.id,
    type: t.type,
    value: t.value,
    country: t.country,
    verificationStatus: status && VERIFICATION.has(status) ? (status as TaxIdView['verificationStatus']) : null,
  };
}
