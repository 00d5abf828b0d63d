import type Stripe from 'stripe';
import type { Deps } from '../context';
import { notFound } from '../refusals';

/**
 * Resolves a code the customer typed to an active promotion code they may use. A code restricted
 * to another customer reads exactly like an unknown one.
 */
export async function resolvePromotionCode(deps: Deps, customerId: string, code: string): Promise<Stripe.PromotionCode> {
  const found = await deps.stripe.promotionCodes.list({ code, active: true, limit: 10 });
  const usable = found.data.find((p) => {
    const owner = typeof p.customer === 'string' ? p.customer : (p.customer?.id ?? null);
    return p.active && (owner === null || owner === customerId);
  });
  if (!usable) throw notFound('Promotion code');
  return usable;
}
