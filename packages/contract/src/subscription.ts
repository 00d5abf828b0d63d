import { z } from 'zod';
import { MutationInput } from './idempotency';
import { Money } from './money';
import { CancellationReason } from './portal-config';
import { Interval, PlannedLineView, SubscriptionView } from './views';

const SubscriptionId = z.string().min(1).max(255);

export const SubscriptionRef = z.object({ subscriptionId: SubscriptionId });
export type SubscriptionRef = z.infer<typeof SubscriptionRef>;

/**
 * One line of a plan change, item by item: an existing item (`itemId`) gets a new price and/or
 * quantity or is removed; a line without `itemId` adds an offered price to the subscription.
 */
export const ItemChange = z
  .object({
    itemId: z.string().min(1).max(255).optional(),
    priceId: z.string().min(1).max(255).optional(),
    quantity: z.number().int().min(0).max(1_000_000).optional(),
    remove: z.boolean().optional(),
  })
  .refine((c) => c.itemId || c.priceId, { message: 'A new item needs a priceId' })
  .refine((c) => !(c.remove && !c.itemId), { message: 'Only an existing item (itemId) can be removed' });
export type ItemChange = z.infer<typeof ItemChange>;

export const PreviewChangeInput = SubscriptionRef.extend({
  items: z.array(ItemChange).min(1).max(20),
  /** A code the customer typed (e.g. `SPRING25`), not an id. */
  promotionCode: z.string().trim().min(1).max(100).optional(),
});
export type PreviewChangeInput = z.infer<typeof PreviewChangeInput>;

export const ChangeInput = PreviewChangeInput.extend(MutationInput.shape).extend({
  /** The `prorationDate` the preview returned: confirming with it charges exactly what was shown. */
  prorationDate: z.number().int().positive(),
});
export type ChangeInput = z.infer<typeof ChangeInput>;

/**
 * One line of a preview, as data the client words: the kind, the plan's name, quantity and period.
 * `description` is Stripe's own text for the line (English), shown only when the structured fields
 * do not say what the line is (an invoice item, a line without a price); null on lines the portal
 * builds itself.
 */
export const PreviewLine = z.object({
  description: z.string().nullable(),
  amount: Money,
  /** credit = unused time on the old plan, charge = remaining time on the new one, recurring = a full period. */
  kind: z.enum(['credit', 'charge', 'recurring', 'other']),
  /** The product's name (data, as the catalog names it), when the line bills a price. */
  productName: z.string().nullable(),
  quantity: z.number().int().nullable(),
  /** ISO times of the period the line covers; `periodEnd` is null for a plan booked from a date on. */
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
});
export type PreviewLine = z.infer<typeof PreviewLine>;

export const ChangePreview = z.object({
  subscriptionId: z.string(),
  /** Unix seconds: send it back with `change` so Stripe prorates to the same second. */
  prorationDate: z.number().int(),
  /** `now` = applied on confirm; `period_end` = booked as a scheduled change (a downgrade). */
  timing: z.enum(['now', 'period_end']),
  effectiveAt: z.string(),
  lines: z.array(PreviewLine),
  credit: Money,
  charge: Money,
  discount: Money,
  tax: Money,
  /** The invoice this change issues now (negative for a downgrade: credit kept on the balance). */
  total: Money,
  dueToday: Money,
  nextInvoice: z.object({ date: z.string(), amount: Money }).nullable(),
  /** The subscription's lines after the change; `itemId` is null for a line the change adds. */
  items: z.array(PlannedLineView.extend({ itemId: z.string().nullable() })),
});
export type ChangePreview = z.infer<typeof ChangePreview>;

export const CancelInput = SubscriptionRef.extend(MutationInput.shape).extend({
  reason: CancellationReason.optional(),
  comment: z.string().trim().max(500).optional(),
});
export type CancelInput = z.infer<typeof CancelInput>;

export const SubscriptionMutationInput = SubscriptionRef.extend(MutationInput.shape);
export type SubscriptionMutationInput = z.infer<typeof SubscriptionMutationInput>;

export const PauseInput = SubscriptionMutationInput.extend({
  /** ISO date collection resumes by itself; without it the pause lasts until `resume`. */
  resumesAt: z.iso.datetime({ offset: true }).optional(),
});
export type PauseInput = z.infer<typeof PauseInput>;

export const RetentionOfferView = z.object({
  type: z.enum(['coupon', 'pause', 'cheaper_plan']),
  /** The operator's own headline from the configuration, verbatim; null to let the client word the offer. */
  headline: z.string().nullable(),
  /** For a pause: how many months it lasts. */
  months: z.number().int().nullable(),
  /** For a coupon: what it takes off and for how long. */
  coupon: z
    .object({
      id: z.string(),
      percentOff: z.number().nullable(),
      amountOff: Money.nullable(),
      duration: z.string(),
      durationInMonths: z.number().nullable(),
    })
    .nullable(),
  /** For a pause: when collection would resume. */
  resumesAt: z.string().nullable(),
  /** For a cheaper plan: the plan offered instead. */
  plan: z
    .object({
      priceId: z.string(),
      productName: z.string(),
      unitAmount: Money.nullable(),
      interval: Interval,
      intervalCount: z.number().int(),
    })
    .nullable(),
});
export type RetentionOfferView = z.infer<typeof RetentionOfferView>;

export const RetentionOfferOutput = z.object({ offer: RetentionOfferView.nullable() });
export type RetentionOfferOutput = z.infer<typeof RetentionOfferOutput>;

export const ChangeOutput = z.object({
  subscription: SubscriptionView,
  timing: z.enum(['now', 'period_end']),
  /** The invoice this change issued right away (prorations or a new period), if any. */
  invoice: z.object({ id: z.string(), total: Money, amountPaid: Money, status: z.string() }).nullable(),
});
export type ChangeOutput = z.infer<typeof ChangeOutput>;
