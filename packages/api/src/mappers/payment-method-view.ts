import type { PaymentMethodView } from '@portal/contract';
import type Stripe from 'stripe';
import { idOf } from '../stripe/ids';

/** A card expires at the end of its expiry month. */
export function isExpired(pm: Stripe.PaymentMethod, now: Date): boolean {
  const card = pm.card;
  if (!card) return false;
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth() + 1;
  return card.exp_year < year || (card.exp_year === year && card.exp_month < month);
}

export function toPaymentMethodView(pm: Stripe.PaymentMethod, defaultId: string | null, now: Date): PaymentMethodView {
  return {
    id: pm.id,
    type: pm.type,
    brand: pm.card?.display_brand ?? pm.card?.brand ?? null,
    last4: pm.card?.last4 ?? null,
    expMonth: pm.card?.exp_month ?? null,
    expYear: pm.card?.exp_year ?? null,
    expired: isExpired(pm, now),
    isDefault: pm.id === defaultId,
  };
}

export function defaultPaymentMethodId(customer: Stripe.Customer): string | null {
  return idOf(customer.invoice_settings?.default_payment_method);
}
