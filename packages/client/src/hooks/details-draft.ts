import { UpdateCustomerInput, type AddressView, type CustomerDetailsView, type CustomerField } from '@portal/contract';

/** Form values are plain strings; empty means "not set". */
export interface AddressDraft {
  line1: string;
  line2: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
}

export interface DetailsDraft {
  name: string;
  email: string;
  phone: string;
  address: AddressDraft;
  shipping: { name: string; phone: string; address: AddressDraft };
  /** Ship to the billing address; only the recipient's name and phone are separate. */
  sameAsBilling: boolean;
}

export type Changes = Omit<UpdateCustomerInput, 'idempotencyKey'>;
/** What went wrong with a field, by its path (`email`, `address.city`, `shipping.address.line1`). */
export type FieldIssue = { kind: 'required' | 'invalid' } | { kind: 'tooLong'; max: number };
export type DetailsErrors = Record<string, FieldIssue>;

const EDITABLE: readonly (keyof Changes & CustomerField)[] = ['name', 'email', 'phone', 'address', 'shipping'];

const emptyAddress = (): AddressDraft => ({ line1: '', line2: '', city: '', state: '', postalCode: '', country: '' });
const fromAddress = (a: AddressView | null | undefined): AddressDraft =>
  a
    ? {
        line1: a.line1 ?? '',
        line2: a.line2 ?? '',
        city: a.city ?? '',
        state: a.state ?? '',
        postalCode: a.postalCode ?? '',
        country: a.country ?? '',
      }
    : emptyAddress();

export function draftFrom(view: CustomerDetailsView): DetailsDraft {
  const address = fromAddress(view.address);
  const shipping = view.shipping
    ? { name: view.shipping.name, phone: view.shipping.phone ?? '', address: fromAddress(view.shipping.address) }
    : { name: view.name ?? '', phone: view.phone ?? '', address: emptyAddress() };
  const hasAddress = Object.values(address).some(Boolean);
  return {
    name: view.name ?? '',
    email: view.email ?? '',
    phone: view.phone ?? '',
    address,
    shipping,
    sameAsBilling: view.shipping !== null && hasAddress && sameAddress(shipping.address, address),
  };
}

const trimmed = (a: AddressDraft): AddressDraft => ({
  line1: a.line1.trim(),
  line2: a.line2.trim(),
  city: a.city.trim(),
  state: a.state.trim(),
  postalCode: a.postalCode.trim(),
  country: a.country.trim(),
});
const sameAddress = (a: AddressDraft, b: AddressDraft) => JSON.stringify(trimmed(a)) === JSON.stringify(trimmed(b));

/** An address the customer left entirely empty is no address: sending null clears it. */
type AddressValue = NonNullable<Changes['address']> | null;
type ShippingValue = NonNullable<Changes['shipping']> | null;

function addressValue(a: AddressDraft): AddressValue {
  const t = trimmed(a);
  if (!Object.values(t).some(Boolean)) return null;
  return {
    line1: t.line1,
    city: t.city,
    country: t.country,
    ...(t.line2 ? { line2: t.line2 } : {}),
    ...(t.state ? { state: t.state } : {}),
    ...(t.postalCode ? { postalCode: t.postalCode } : {}),
  };
}

/** Shipping exists only with an address; a recipient name alone is not something to ship to. */
function shippingValue(d: DetailsDraft): ShippingValue {
  const address = addressValue(d.sameAsBilling ? d.address : d.shipping.address);
  if (!address) return null;
  const phone = d.shipping.phone.trim();
  return { name: d.shipping.name.trim(), address, ...(phone ? { phone } : {}) };
}

function values(d: DetailsDraft): {
  name: string;
  email: string;
  phone: string;
  address: AddressValue;
  shipping: ShippingValue;
} {
  return {
    name: d.name.trim(),
    email: d.email.trim(),
    phone: d.phone.trim(),
    address: addressValue(d.address),
    shipping: shippingValue(d),
  };
}

/** Only fields the configuration lets the customer edit and that differ from what Stripe has. */
export function changesBetween(base: DetailsDraft, draft: DetailsDraft, editable: readonly CustomerField[]): Changes {
  const before = values(base);
  const after = values(draft);
  const changes: Record<string, unknown> = {};
  for (const field of EDITABLE) {
    if (editable.includes(field) && JSON.stringify(after[field]) !== JSON.stringify(before[field]))
      changes[field] = after[field];
  }
  return changes as Changes;
}

/**
 * Checks the changed fields with the contract's own schemas, so the form and the server can never
 * disagree about what is valid; the issues come back as kinds the UI words for the customer.
 */
export function validate(changes: Changes): DetailsErrors {
  const errors: DetailsErrors = {};
  const shape = UpdateCustomerInput.shape;
  for (const field of EDITABLE) {
    if (!(field in changes)) continue;
    const result = shape[field].safeParse(changes[field]);
    if (result.success) continue;
    for (const issue of result.error.issues) {
      const key = [field, ...issue.path.map(String)].join('.');
      if (errors[key]) continue;
      if (issue.code === 'too_big') errors[key] = { kind: 'tooLong', max: Number(issue.maximum) };
      else if (issue.code === 'too_small' || issue.code === 'invalid_type') errors[key] = { kind: 'required' };
      else errors[key] = { kind: 'invalid' };
    }
  }
  return errors;
}
