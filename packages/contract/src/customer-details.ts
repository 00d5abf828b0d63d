import { z } from 'zod';
import { MutationInput } from './idempotency';

export const AddressView = z.object({
  line1: z.string().nullable(),
  line2: z.string().nullable(),
  city: z.string().nullable(),
  state: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string().nullable(),
});
export type AddressView = z.infer<typeof AddressView>;

export const ShippingView = z.object({ name: z.string(), phone: z.string().nullable(), address: AddressView });
export type ShippingView = z.infer<typeof ShippingView>;

/** Which billing details the configuration lets the customer edit (Stripe's `allowed_updates`). */
export const CustomerField = z.enum(['name', 'email', 'phone', 'address', 'shipping', 'preferred_locales']);
export type CustomerField = z.infer<typeof CustomerField>;

export const CustomerDetailsView = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: AddressView.nullable(),
  shipping: ShippingView.nullable(),
  preferredLocales: z.array(z.string()),
  editableFields: z.array(CustomerField),
  taxIdsEditable: z.boolean(),
});
export type CustomerDetailsView = z.infer<typeof CustomerDetailsView>;

const text = (max: number) => z.string().trim().min(1).max(max);
export const AddressInput = z.object({
  line1: text(200),
  line2: z.string().trim().max(200).optional(),
  city: text(100),
  state: z.string().trim().max(100).optional(),
  postalCode: z.string().trim().max(20).optional(),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code'),
});

/** Only the fields present are changed; `null` clears an address or shipping. */
export const UpdateCustomerInput = MutationInput.extend({
  name: text(256).optional(),
  email: z.email().max(512).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{4,20}$/, 'must be a phone number')
    .optional(),
  address: AddressInput.nullable().optional(),
  shipping: z
    .object({ name: text(256), phone: z.string().trim().max(20).optional(), address: AddressInput })
    .nullable()
    .optional(),
  preferredLocales: z
    .array(z.string().regex(/^[a-z]{2}(-[A-Za-z0-9]{2,4})?$/))
    .max(5)
    .optional(),
});
export type UpdateCustomerInput = z.infer<typeof UpdateCustomerInput>;

export const TaxIdView = z.object({
  id: z.string(),
  type: z.string(),
  value: z.string(),
  country: z.string().nullable(),
  verificationStatus: z.enum(['pending', 'verified', 'unverified', 'unavailable']).nullable(),
});
export type TaxIdView = z.infer<typeof TaxIdView>;

export const TaxIdListOutput = z.object({ taxIds: z.array(TaxIdView) });
export type TaxIdListOutput = z.infer<typeof TaxIdListOutput>;

export const TaxIdId = z.string().regex(/^txi_\w+$/, 'must be a tax ID id (txi_…)');

export const AddTaxIdInput = MutationInput.extend({
  /** Stripe's tax ID type, e.g. `eu_vat`, `gb_vat`, `us_ein`; Stripe validates the pair. */
  type: z.string().regex(/^[a-z]{2,3}_[a-z_]{2,10}$/, 'must be a Stripe tax ID type such as eu_vat'),
  value: z.string().trim().min(1).max(64),
});
export type AddTaxIdInput = z.infer<typeof AddTaxIdInput>;

export const RemoveTaxIdInput = MutationInput.extend({ taxIdId: TaxIdId });
export type RemoveTaxIdInput = z.infer<typeof RemoveTaxIdInput>;
