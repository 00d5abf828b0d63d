import type { PaymentMethodSummary } from '@portal/contract';
import type Stripe from 'stripe';

/** Enough to say "Visa •••• 4242, expires 12/30"; an unexpanded id shows nothing rather than guess. */
export function toPaymentMethodSummary(
  pm: string | Stripe.PaymentMethod | null | undefined,
): PaymentMethodSummary | null {
  if (!pm || typeof pm === 'string') return null;
  return {
    id: pm.id,
    type: pm.type,
    brand: pm.card?.brand ?? null,
    last4: pm.card?.last4 ?? pm.sepa_debit?.last4 ?? pm.us_bank_account?.last4 ?? null,
    expMonth: pm.card?.exp_month ?? null,
    expYear: pm.card?.exp_year ?? null,
  };
}
