import { z } from 'zod';

/** Which part of the customer's billing changed, so the SPA refetches only that. */
export const ChangedResource = z.enum(['subscriptions', 'customer', 'paymentMethods', 'taxIds', 'invoices', 'portal']);
export type ChangedResource = z.infer<typeof ChangedResource>;

/** Pushed to the customer's open SPA (`billing.changes`) after a webhook took effect. */
export const BillingChange = z.object({
  /** The Stripe event type, e.g. `customer.subscription.updated`. */
  type: z.string(),
  resource: ChangedResource,
  /** The changed object's id (sub_…, pm_…, in_…). */
  id: z.string(),
  at: z.string(),
});
export type BillingChange = z.infer<typeof BillingChange>;
