import { z } from 'zod';
import { MutationInput } from './idempotency';
import { Money } from './money';
import { Branding } from './portal-config';
import { Interval } from './views';

/** What the SPA may show: switches from the configuration, never Stripe ids it cannot use. */
export const PortalConfigView = z.object({
  id: z.string(),
  features: z.object({
    customerUpdate: z.object({ enabled: z.boolean(), allowedUpdates: z.array(z.string()) }),
    invoiceHistory: z.object({ enabled: z.boolean() }),
    paymentMethodUpdate: z.object({ enabled: z.boolean() }),
    subscriptionCancel: z.object({
      enabled: z.boolean(),
      mode: z.enum(['at_period_end', 'immediately']),
      reasons: z.object({ enabled: z.boolean(), options: z.array(z.string()) }),
      retentionOffer: z.boolean(),
    }),
    subscriptionPause: z.object({ enabled: z.boolean() }),
    subscriptionUpdate: z.object({
      enabled: z.boolean(),
      allowedUpdates: z.array(z.enum(['price', 'promotion_code', 'quantity'])),
      prorationBehavior: z.string(),
      scheduleAtPeriodEnd: z.array(z.string()),
    }),
  }),
  products: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      description: z.string().nullable(),
      adjustableQuantity: z.object({ enabled: z.boolean(), minimum: z.number().int(), maximum: z.number().int() }),
      /** Added beside the plan, and removable (see the configuration's `addon`). */
      addon: z.boolean().default(false),
      prices: z.array(
        z.object({
          id: z.string(),
          unitAmount: Money.nullable(),
          interval: Interval,
          intervalCount: z.number().int().positive(),
          nickname: z.string().nullable(),
        }),
      ),
    }),
  ),
  branding: Branding,
  businessProfile: z.object({
    headline: z.string().nullable(),
    privacyPolicyUrl: z.string().nullable(),
    termsOfServiceUrl: z.string().nullable(),
  }),
});
export type PortalConfigView = z.infer<typeof PortalConfigView>;

/** Deep links into Stripe's hosted portal (its `flow_data`), for the fallback button. */
export const HostedFlow = z.discriminatedUnion('type', [
  z.object({ type: z.literal('payment_method_update') }),
  z.object({ type: z.literal('subscription_cancel'), subscriptionId: z.string().min(1).max(255) }),
  z.object({ type: z.literal('subscription_update'), subscriptionId: z.string().min(1).max(255) }),
  z.object({
    type: z.literal('subscription_update_confirm'),
    subscriptionId: z.string().min(1).max(255),
    // Stripe's hosted confirm flow takes one item only.
    item: z.object({
      itemId: z.string().min(1).max(255),
      priceId: z.string().min(1).max(255).optional(),
      quantity: z.number().int().min(0).optional(),
    }),
  }),
]);
export type HostedFlow = z.infer<typeof HostedFlow>;

export const HostedSessionInput = MutationInput.extend({
  returnUrl: z.url({ protocol: /^https?$/, error: 'returnUrl must be an http(s) URL' }).max(2000),
  /** A Stripe portal configuration (`bpc_…`) listed in the portal configuration file. */
  configuration: z.string().startsWith('bpc_').max(255).optional(),
  flow: HostedFlow.optional(),
});
export type HostedSessionInput = z.infer<typeof HostedSessionInput>;

export const HostedSessionOutput = z.object({ url: z.string() });
export type HostedSessionOutput = z.infer<typeof HostedSessionOutput>;
