import { z } from 'zod';

/**
 * The portal's configuration mirrors Stripe's `billing_portal.configuration` feature blocks, so an
 * operator who knows Stripe's portal recognises every switch; branding and retention are ours.
 */
export const CancellationReason = z.enum([
  'customer_service',
  'low_quality',
  'missing_features',
  'other',
  'switched_service',
  'too_complex',
  'too_expensive',
  'unused',
]);
export type CancellationReason = z.infer<typeof CancellationReason>;

const ProductOffer = z.object({
  product: z.string().startsWith('prod_'),
  prices: z.array(z.string().startsWith('price_')).min(1),
  adjustable_quantity: z
    .object({
      enabled: z.boolean(),
      minimum: z.number().int().min(0).default(1),
      maximum: z.number().int().min(1).max(10_000).default(99),
    })
    .default({ enabled: false, minimum: 1, maximum: 99 }),
  /**
   * An add-on (e.g. priority support) sits beside the plan: the customer may add or remove it.
   * Other products are plans, switched one for another on the plan's own item.
   */
  addon: z.boolean().default(false),
});

export const RetentionOffer = z.discriminatedUnion('type', [
  z.object({ type: z.literal('coupon'), coupon: z.string().min(1), headline: z.string().optional() }),
  z.object({
    type: z.literal('pause'),
    months: z.number().int().min(1).max(12).default(1),
    headline: z.string().optional(),
  }),
  z.object({
    type: z.literal('cheaper_plan'),
    price: z.string().startsWith('price_'),
    headline: z.string().optional(),
  }),
]);
export type RetentionOffer = z.infer<typeof RetentionOffer>;

const ProrationBehavior = z.enum(['always_invoice', 'create_prorations', 'none']);

export const PortalFeatures = z.object({
  customer_update: z
    .object({
      enabled: z.boolean(),
      allowed_updates: z.array(z.enum(['address', 'email', 'name', 'phone', 'shipping', 'tax_id'])),
    })
    .default({ enabled: true, allowed_updates: ['address', 'email', 'name', 'phone', 'shipping', 'tax_id'] }),
  invoice_history: z.object({ enabled: z.boolean() }).default({ enabled: true }),
  payment_method_update: z.object({ enabled: z.boolean() }).default({ enabled: true }),
  subscription_cancel: z
    .object({
      enabled: z.boolean(),
      mode: z.enum(['at_period_end', 'immediately']),
      proration_behavior: z.enum(['create_prorations', 'none']).default('none'),
      cancellation_reason: z
        .object({ enabled: z.boolean(), options: z.array(CancellationReason) })
        .default({ enabled: true, options: CancellationReason.options }),
      retention: RetentionOffer.nullable().default(null),
    })
    .default({
      enabled: true,
      mode: 'at_period_end',
      proration_behavior: 'none',
      cancellation_reason: { enabled: true, options: CancellationReason.options },
      retention: null,
    }),
  subscription_pause: z.object({ enabled: z.boolean() }).default({ enabled: false }),
  subscription_update: z
    .object({
      enabled: z.boolean(),
      default_allowed_updates: z.array(z.enum(['price', 'promotion_code', 'quantity'])),
      products: z.array(ProductOffer),
      proration_behavior: ProrationBehavior.default('create_prorations'),
      schedule_at_period_end: z
        .object({ conditions: z.array(z.enum(['decreasing_item_amount', 'shortening_interval'])) })
        .default({ conditions: [] }),
    })
    .default({
      enabled: false,
      default_allowed_updates: [],
      products: [],
      proration_behavior: 'create_prorations',
      schedule_at_period_end: { conditions: [] },
    }),
});
export type PortalFeatures = z.infer<typeof PortalFeatures>;

export const Branding = z.object({
  businessName: z.string().min(1).max(80).default('Billing'),
  logoUrl: z.string().url().nullable().default(null),
  primaryColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .default('#4f46e5'),
  fontFamily: z.string().max(200).nullable().default(null),
  borderRadius: z.number().int().min(0).max(32).default(12),
});
export type Branding = z.infer<typeof Branding>;

/** What an app's frame around the portal shows before anyone signs in. */
export const ShellBranding = Branding.pick({ businessName: true, logoUrl: true, primaryColor: true });
export type ShellBranding = z.infer<typeof ShellBranding>;

export const PortalConfiguration = z.object({
  id: z
    .string()
    .min(1)
    .regex(/^[a-z0-9_-]+$/i),
  features: PortalFeatures,
  business_profile: z
    .object({
      headline: z.string().max(200).nullable().default(null),
      privacy_policy_url: z.string().url().nullable().default(null),
      terms_of_service_url: z.string().url().nullable().default(null),
    })
    .default({ headline: null, privacy_policy_url: null, terms_of_service_url: null }),
  branding: Branding.default(Branding.parse({})),
  default_return_url: z.string().url().nullable().default(null),
  /** Stripe's hosted portal configuration (`bpc_…`) used for the fallback, when there is one. */
  stripe_configuration: z.string().startsWith('bpc_').nullable().default(null),
});
export type PortalConfiguration = z.infer<typeof PortalConfiguration>;

/**
 * Several configurations chosen per customer segment: a customer whose Stripe metadata has
 * `portal_segment = <key>` gets `segments[key]`, everyone else the `default`.
 */
export const PortalConfigFile = z.object({
  default: PortalConfiguration,
  segments: z.record(z.string(), PortalConfiguration).default({}),
});
export type PortalConfigFile = z.infer<typeof PortalConfigFile>;
