import { z } from 'zod';
import { Money } from './money';

export const SubscriptionStatus = z.enum([
  'trialing',
  'active',
  'past_due',
  'paused',
  'canceled',
  'incomplete',
  'incomplete_expired',
  'unpaid',
]);
export type SubscriptionStatus = z.infer<typeof SubscriptionStatus>;

export const Interval = z.enum(['day', 'week', 'month', 'year']);
export type Interval = z.infer<typeof Interval>;

/** One priced line of a subscription: what the customer pays for. */
export const PlanView = z.object({
  itemId: z.string(),
  productId: z.string(),
  productName: z.string(),
  priceId: z.string(),
  unitAmount: Money.nullable(),
  interval: Interval,
  intervalCount: z.number().int().positive(),
  quantity: z.number().int().nonnegative(),
});
export type PlanView = z.infer<typeof PlanView>;

export const SubscriptionView = z.object({
  id: z.string(),
  status: SubscriptionStatus,
  items: z.array(PlanView),
  /** ISO timestamps; the period comes from the items (Stripe moved it off the subscription). */
  currentPeriodEnd: z.string().nullable(),
  trialEnd: z.string().nullable(),
  cancelAtPeriodEnd: z.boolean(),
  cancelAt: z.string().nullable(),
});
export type SubscriptionView = z.infer<typeof SubscriptionView>;

export const CustomerSummary = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
});
export type CustomerSummary = z.infer<typeof CustomerSummary>;

export const OverviewOutput = z.object({
  customer: CustomerSummary,
  subscriptions: z.array(SubscriptionView),
});
export type OverviewOutput = z.infer<typeof OverviewOutput>;
