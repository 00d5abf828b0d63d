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

/** Whether the portal lets the customer do something to a subscription, and why not when not. */
export const ActionState = z.object({ allowed: z.boolean(), reason: z.string().nullable() });
export type ActionState = z.infer<typeof ActionState>;

export const SubscriptionActions = z.object({
  change: ActionState,
  cancel: ActionState,
  reactivate: ActionState,
  pause: ActionState,
  resume: ActionState,
  cancelScheduledChange: ActionState,
});
export type SubscriptionActions = z.infer<typeof SubscriptionActions>;

export const DiscountView = z.object({
  id: z.string(),
  name: z.string().nullable(),
  percentOff: z.number().nullable(),
  amountOff: Money.nullable(),
  duration: z.enum(['forever', 'once', 'repeating']).nullable(),
  /** ISO; null for a discount that never ends. */
  end: z.string().nullable(),
  promotionCode: z.string().nullable(),
});
export type DiscountView = z.infer<typeof DiscountView>;

/** A change already booked for a later date (a subscription schedule's next phase). */
/** A plan line without its Stripe item: what a booked or previewed change will bill. */
export const PlannedLineView = PlanView.omit({ itemId: true, productId: true });
export type PlannedLineView = z.infer<typeof PlannedLineView>;

export const ScheduledChangeView = z.object({
  scheduleId: z.string(),
  effectiveAt: z.string(),
  items: z.array(PlannedLineView),
});
export type ScheduledChangeView = z.infer<typeof ScheduledChangeView>;

export const NextInvoiceView = z.object({
  /** ISO date Stripe will next bill this subscription. */
  date: z.string(),
  amount: Money,
});
export type NextInvoiceView = z.infer<typeof NextInvoiceView>;

/** The unpaid invoice behind a past-due or incomplete subscription: what the "fix it" banner needs. */
export const PastDueView = z.object({
  invoiceId: z.string(),
  amountDue: Money,
  hostedInvoiceUrl: z.string().nullable(),
});
export type PastDueView = z.infer<typeof PastDueView>;

export const PaymentMethodSummary = z.object({
  id: z.string(),
  type: z.string(),
  brand: z.string().nullable(),
  last4: z.string().nullable(),
  expMonth: z.number().int().nullable(),
  expYear: z.number().int().nullable(),
});
export type PaymentMethodSummary = z.infer<typeof PaymentMethodSummary>;

export const SubscriptionView = z.object({
  id: z.string(),
  status: SubscriptionStatus,
  items: z.array(PlanView),
  /** ISO timestamps; the period comes from the items (Stripe moved it off the subscription). */
  currentPeriodEnd: z.string().nullable(),
  trialEnd: z.string().nullable(),
  cancelAtPeriodEnd: z.boolean(),
  cancelAt: z.string().nullable(),
  /** Collection paused (`pause_collection`): invoices are voided until `resumesAt`, if set. */
  pauseCollection: z.object({ behavior: z.string(), resumesAt: z.string().nullable() }).nullable().default(null),
  discounts: z.array(DiscountView).default([]),
  scheduledChange: ScheduledChangeView.nullable().default(null),
  nextInvoice: NextInvoiceView.nullable().default(null),
  pastDue: PastDueView.nullable().default(null),
  /** The subscription's own payment method, which wins over the customer's default. */
  defaultPaymentMethod: PaymentMethodSummary.nullable().default(null),
  actions: SubscriptionActions.optional(),
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
  defaultPaymentMethod: PaymentMethodSummary.nullable().default(null),
  /**
   * Stripe's `customer.balance` as the customer reads it: a positive amount is credit they hold
   * (Stripe stores credit as a negative balance), a negative one is owed on the next invoice.
   */
  creditBalance: Money.nullable().default(null),
});
export type OverviewOutput = z.infer<typeof OverviewOutput>;
