import { PortalConfigFile } from '@portal/contract';
import { DEMO } from '@portal/stripe-emulator';
import { readFileSync } from 'node:fs';
import { ConfigError, type Env } from './env';

/** What embedded mode offers: the emulator's demo catalog, every feature on, a retention coupon. */
export const demoPortalConfig = {
  default: {
    id: 'demo',
    features: {
      subscription_update: {
        enabled: true,
        default_allowed_updates: ['price', 'quantity', 'promotion_code'],
        products: [
          { product: DEMO.products.starter, prices: [DEMO.prices.starterMonthly, DEMO.prices.starterYearly] },
          { product: DEMO.products.pro, prices: [DEMO.prices.proMonthly, DEMO.prices.proYearly] },
          { product: DEMO.products.business, prices: [DEMO.prices.businessMonthly, DEMO.prices.businessYearly] },
          {
            product: DEMO.products.team,
            prices: [DEMO.prices.teamMonthly, DEMO.prices.teamYearly],
            adjustable_quantity: { enabled: true, minimum: 1, maximum: 50 },
          },
          {
            product: DEMO.products.support,
            prices: [DEMO.prices.supportMonthly, DEMO.prices.supportYearly],
            addon: true,
          },
        ],
        proration_behavior: 'always_invoice',
        schedule_at_period_end: { conditions: ['decreasing_item_amount', 'shortening_interval'] },
      },
      subscription_cancel: { enabled: true, mode: 'at_period_end', retention: { type: 'pause', months: 1 } },
      subscription_pause: { enabled: true },
    },
    business_profile: {
      headline: 'Acme Cloud partners with Stripe for simplified billing.',
      privacy_policy_url: null,
      terms_of_service_url: null,
    },
    branding: { businessName: 'Acme Cloud' },
  },
};

/**
 * The portal configuration: the JSON file at PORTAL_CONFIG_FILE, validated at start; without one,
 * the demo configuration in embedded mode, or Stripe-like defaults (no plan changes offered).
 */
export function loadPortalConfig(env: Env): PortalConfigFile {
  let raw: unknown;
  if (env.PORTAL_CONFIG_FILE) {
    try {
      raw = JSON.parse(readFileSync(env.PORTAL_CONFIG_FILE, 'utf8'));
    } catch (error) {
      throw new ConfigError(
        `PORTAL_CONFIG_FILE: cannot read ${env.PORTAL_CONFIG_FILE} as JSON (${(error as Error).message})`,
      );
    }
  } else {
    raw = env.mode === 'embedded' ? demoPortalConfig : { default: { id: 'default', features: {} } };
  }
  const parsed = PortalConfigFile.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(
      `Invalid portal configuration${env.PORTAL_CONFIG_FILE ? ` in ${env.PORTAL_CONFIG_FILE}` : ''}:\n${lines.join('\n')}`,
    );
  }
  return parsed.data;
}
