import type { PortalConfigView, PortalConfiguration } from '@portal/contract';
import type { Deps } from '../../context';
import { intervalOf, unitAmountOf } from '../../mappers/price';

/**
 * What the SPA may show for this customer's configuration. Offered products and prices come from
 * the catalog cache; one that no longer exists in Stripe (or was archived) is left out rather than
 * offered and then refused.
 */
export async function portalConfigView(deps: Deps, config: PortalConfiguration): Promise<PortalConfigView> {
  const f = config.features;
  const products = await Promise.all(
    f.subscription_update.enabled
      ? f.subscription_update.products.map(async (offer) => {
          const [product, prices] = await Promise.all([
            deps.catalog.product(offer.product),
            Promise.all(offer.prices.map((id) => deps.catalog.price(id))),
          ]);
          if (!product || !product.active) return [];
          const usable = prices.flatMap((p) =>
            p && p.active && p.recurring
              ? [{ id: p.id, unitAmount: unitAmountOf(p), ...intervalOf(p), nickname: p.nickname ?? null }]
              : [],
          );
          const { enabled, minimum, maximum } = offer.adjustable_quantity;
          return usable.length
            ? [
                {
                  id: product.id,
                  name: product.name,
                  description: product.description ?? null,
                  adjustableQuantity: { enabled, minimum, maximum },
                  addon: offer.addon,
                  prices: usable,
                },
              ]
            : [];
        })
      : [],
  );
  return {
    id: config.id,
    features: {
      customerUpdate: { enabled: f.customer_update.enabled, allowedUpdates: f.customer_update.allowed_updates },
      invoiceHistory: f.invoice_history,
      paymentMethodUpdate: f.payment_method_update,
      subscriptionCancel: {
        enabled: f.subscription_cancel.enabled,
        mode: f.subscription_cancel.mode,
        reasons: f.subscription_cancel.cancellation_reason,
        retentionOffer: f.subscription_cancel.retention !== null,
      },
      subscriptionPause: f.subscription_pause,
      subscriptionUpdate: {
        enabled: f.subscription_update.enabled,
        allowedUpdates: f.subscription_update.default_allowed_updates,
        prorationBehavior: f.subscription_update.proration_behavior,
        scheduleAtPeriodEnd: f.subscription_update.schedule_at_period_end.conditions,
      },
    },
    products: products.flat(),
    branding: config.branding,
    businessProfile: {
      headline: config.business_profile.headline,
      privacyPolicyUrl: config.business_profile.privacy_policy_url,
      termsOfServiceUrl: config.business_profile.terms_of_service_url,
    },
  };
}
