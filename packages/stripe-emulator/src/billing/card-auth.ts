import type { Core } from '../core.js';
import { cardDeclined, invalidRequest, unsupportedParameter, type StripeError } from '../errors.js';
import type { StripeObject } from '../store.js';
import { applyPaymentMethodData, cardOf, resolvePaymentMethod } from '../resources/payment-methods.js';
import { chargeOutcome, failsOnAttach } from './test-cards.js';

export type AuthOutcome = { kind: 'ok' } | { kind: 'requires_action' } | { kind: 'declined'; error: StripeError };

/** What confirming a setup (saving a card for later) with this payment method does. */
export function setupOutcome(pm: StripeObject): AuthOutcome {
  const c = cardOf(pm);
  if (!c) return { kind: 'ok' };
  if (failsOnAttach(c)) {
    const o = chargeOutcome(c, false);
    return {
      kind: 'declined',
      error: cardDeclined(o?.declineCode ?? 'generic_decline', o?.message ?? 'Your card was declined.'),
    };
  }
  if (c.behaviour === 'auth_on_setup' || c.behaviour === 'auth_always') return { kind: 'requires_action' };
  return { kind: 'ok' };
}

/** What confirming a payment with this payment method does (on or off session). */
export function paymentOutcome(pm: StripeObject, offSession: boolean): AuthOutcome {
  const c = cardOf(pm);
  if (!c) return { kind: 'ok' };
  if (c.behaviour === 'auth_always' && !offSession) return { kind: 'requires_action' };
  const o = chargeOutcome(c, offSession);
  return o ? { kind: 'declined', error: cardDeclined(o.declineCode, o.message) } : { kind: 'ok' };
}

/** Resolves `payment_method` / `payment_method_data` on an intent. */
export function intentPaymentMethod(
  core: Core,
  p: {
    payment_method?: string;
    payment_method_data?: {
      type?: string;
      card?: { token?: string };
      billing_details?: StripeObject;
      metadata?: Record<string, string>;
      allow_redisplay?: string;
    };
  },
): StripeObject | null {
  if (p.payment_method) return resolvePaymentMethod(core, p.payment_method);
  if (p.payment_method_data) {
    // Cards are the only payment method type the emulator has.
    if (p.payment_method_data.type !== 'card') throw unsupportedParameter('payment_method_data[type]');
    const token = p.payment_method_data.card?.token;
    if (!token)
      throw invalidRequest(
        'Only `payment_method_data[card][token]` is supported by the emulator.',
        'payment_method_data',
      );
    const pm = resolvePaymentMethod(
      core,
      token.startsWith('tok_') ? token : `tok_${token}`,
      'payment_method_data[card][token]',
    );
    applyPaymentMethodData(pm, p.payment_method_data);
    return pm;
  }
  return null;
}

/** Where the emulator's 3DS challenge for an intent lives (rendered from the current base URL). */
export function challengeUrl(core: Core, intentId: string): string {
  return `${core.baseUrl}/_hosted/3ds/${intentId}`;
}

/**
 * What an intent in `requires_action` asks the client to do. Stripe.js confirms with
 * `use_stripe_sdk: true` and gets `use_stripe_sdk`, a dictionary only Stripe.js reads (for a 3DS
 * card Stripe sends `three_d_secure_redirect` with the challenge's address in `stripe_js`); any
 * other confirm gets `redirect_to_url`. Both lead to the same hosted challenge.
 */
export function authenticationAction(
  core: Core,
  intent: StripeObject,
  p: { return_url?: string; use_stripe_sdk?: boolean },
): Record<string, unknown> {
  const url = challengeUrl(core, intent.id);
  if (p.use_stripe_sdk)
    return { type: 'use_stripe_sdk', use_stripe_sdk: { type: 'three_d_secure_redirect', stripe_js: url } };
  return { type: 'redirect_to_url', redirect_to_url: { return_url: p.return_url ?? null, url } };
}
