import { PortalConfigFile } from '@portal/contract';
import { DEMO } from '@portal/stripe-emulator';
import type Stripe from 'stripe';
import { createCaller } from '../src/root';
import type { Harness } from './fixtures';
import { testPortalConfig } from './harness';

/** The test configuration with some feature blocks replaced (parsed, so defaults fill in). */
export function configWith(features: Record<string, unknown>): PortalConfigFile {
  const base = testPortalConfig.default;
  return PortalConfigFile.parse({ default: { ...base, features: { ...base.features, ...features } } });
}

const update = testPortalConfig.default.features.subscription_update;

/** Changes are billed at once, downgrades too: the invoice shows exactly what was previewed. */
export const billNowConfig = configWith({
  subscription_update: { ...update, proration_behavior: 'always_invoice', schedule_at_period_end: { conditions: [] } },
});

/** Downgrades and shorter intervals wait for the period end (a subscription schedule). */
export const scheduleDowngradesConfig = configWith({
  subscription_update: {
    ...update,
    proration_behavior: 'always_invoice',
    schedule_at_period_end: { conditions: ['decreasing_item_amount', 'shortening_interval'] },
  },
});

export const noUpdatesConfig = configWith({ subscription_update: { ...update, enabled: false } });

/** A subscription for the customer, paid by their default card. */
export async function subscribe(
  h: Harness,
  customer: string,
  items: Array<{ price: string; quantity?: number }>,
): Promise<Stripe.Subscription> {
  return h.stripe.subscriptions.create({ customer, items });
}

/** A support agent's read-only view of a customer (the view-as flow builds the same viewer). */
export function readOnlyCaller(h: Harness, customerId: string) {
  return createCaller({
    ...h.deps,
    viewer: {
      userId: 'agent-ro',
      email: 'agent@example.com',
      name: 'Agent',
      role: 'support',
      customerId,
      readOnly: true,
      impersonationId: null,
    },
  });
}

export const PRICES = DEMO.prices;
