import { z } from 'zod';
import { MutationInput } from './idempotency';

/** A saved card as the portal shows it; never more than the brand, last digits and expiry. */
export const PaymentMethodView = z.object({
  id: z.string(),
  type: z.string(),
  brand: z.string().nullable(),
  last4: z.string().nullable(),
  expMonth: z.number().int().nullable(),
  expYear: z.number().int().nullable(),
  /** Expired cards stay listed (so they can be removed) but cannot pay. */
  expired: z.boolean(),
  isDefault: z.boolean(),
});
export type PaymentMethodView = z.infer<typeof PaymentMethodView>;

export const PaymentMethodListOutput = z.object({ paymentMethods: z.array(PaymentMethodView) });
export type PaymentMethodListOutput = z.infer<typeof PaymentMethodListOutput>;

export const PaymentMethodId = z.string().regex(/^pm_\w+$/, 'must be a payment method id (pm_…)');

export const CreateSetupIntentInput = MutationInput;
export const CreateSetupIntentOutput = z.object({
  /** Handed to `<Elements options={{ clientSecret }}>`; lets the browser confirm this one SetupIntent only. */
  clientSecret: z.string(),
  publishableKey: z.string(),
});
export type CreateSetupIntentOutput = z.infer<typeof CreateSetupIntentOutput>;

export const SetDefaultPaymentMethodInput = MutationInput.extend({ paymentMethodId: PaymentMethodId });
export type SetDefaultPaymentMethodInput = z.infer<typeof SetDefaultPaymentMethodInput>;

export const RemovePaymentMethodInput = MutationInput.extend({ paymentMethodId: PaymentMethodId });
export type RemovePaymentMethodInput = z.infer<typeof RemovePaymentMethodInput>;
