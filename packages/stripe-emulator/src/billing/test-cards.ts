/**
 * Stripe's documented test cards. `behaviour` drives what happens when the card is attached,
 * set up or charged, so the emulator reproduces declines, dunning and 3DS like test mode does.
 */
export type CardBehaviour =
  | 'succeed'
  | 'decline' // declines on attach and charge: generic_decline
  | 'insufficient_funds'
  | 'lost_card'
  | 'stolen_card'
  | 'expired_card'
  | 'incorrect_cvc'
  | 'processing_error'
  | 'charge_fail' // attaches fine, every later charge declines
  | 'auth_on_setup' // 3DS on setup, then off-session charges succeed
  | 'auth_always'; // 3DS on every charge; off-session charges fail with authentication_required

export interface TestCard {
  number: string;
  brand: 'visa' | 'mastercard' | 'amex' | 'discover' | 'jcb' | 'diners' | 'unionpay';
  funding: 'credit' | 'debit' | 'prepaid';
  country: string;
  behaviour: CardBehaviour;
}

const card = (
  number: string,
  brand: TestCard['brand'],
  behaviour: CardBehaviour = 'succeed',
  funding: TestCard['funding'] = 'credit',
): TestCard => ({
  number,
  brand,
  funding,
  country: 'US',
  behaviour,
});

/** `pm_card_*` / `tok_*` token → card. */
export const TEST_TOKENS: Record<string, TestCard> = {
  visa: card('4242424242424242', 'visa'),
  visa_debit: card('4000056655665556', 'visa', 'succeed', 'debit'),
  mastercard: card('5555555555554444', 'mastercard'),
  mastercard_debit: card('5200828282828210', 'mastercard', 'succeed', 'debit'),
  mastercard_prepaid: card('5105105105105100', 'mastercard', 'succeed', 'prepaid'),
  amex: card('378282246310005', 'amex'),
  discover: card('6011111111111117', 'discover'),
  jcb: card('3566002020360505', 'jcb'),
  unionpay: card('6200000000000005', 'unionpay'),
  visa_chargeDeclined: card('4000000000000002', 'visa', 'decline'),
  chargeDeclined: card('4000000000000002', 'visa', 'decline'),
  visa_chargeDeclinedInsufficientFunds: card('4000000000009995', 'visa', 'insufficient_funds'),
  chargeDeclinedInsufficientFunds: card('4000000000009995', 'visa', 'insufficient_funds'),
  visa_chargeDeclinedLostCard: card('4000000000009987', 'visa', 'lost_card'),
  visa_chargeDeclinedStolenCard: card('4000000000009979', 'visa', 'stolen_card'),
  chargeDeclinedExpiredCard: card('4000000000000069', 'visa', 'expired_card'),
  chargeDeclinedIncorrectCvc: card('4000000000000127', 'visa', 'incorrect_cvc'),
  chargeDeclinedProcessingError: card('4000000000000119', 'visa', 'processing_error'),
  chargeCustomerFail: card('4000000000000341', 'visa', 'charge_fail'),
  authenticationRequiredOnSetup: card('4000002500003155', 'visa', 'auth_on_setup'),
  authenticationRequired: card('4000002760003184', 'visa', 'auth_always'),
  threeDSecure2Required: card('4000000000003220', 'visa', 'auth_always'),
};

const BY_NUMBER = new Map<string, TestCard>();
for (const c of Object.values(TEST_TOKENS)) if (!BY_NUMBER.has(c.number)) BY_NUMBER.set(c.number, c);

export function cardForToken(id: string): TestCard | undefined {
  const m = /^(?:pm_card_|tok_)(.+)$/.exec(id);
  return m ? TEST_TOKENS[m[1] ?? ''] : undefined;
}

export function luhnValid(number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function brandOf(number: string): TestCard['brand'] {
  if (/^4/.test(number)) return 'visa';
  if (/^(5[1-5]|2[2-7])/.test(number)) return 'mastercard';
  if (/^3[47]/.test(number)) return 'amex';
  if (/^6(011|5)/.test(number)) return 'discover';
  if (/^35/.test(number)) return 'jcb';
  if (/^62/.test(number)) return 'unionpay';
  return 'visa';
}

/** Any Luhn-valid number works; Stripe's special numbers keep their behaviour. */
export function cardForNumber(number: string): TestCard | undefined {
  const digits = number.replace(/\s+/g, '');
  if (!luhnValid(digits)) return undefined;
  return BY_NUMBER.get(digits) ?? card(digits, brandOf(digits));
}

/** How a charge on this card ends: null when it succeeds. */
export function chargeOutcome(c: TestCard, offSession: boolean): { declineCode: string; message: string } | null {
  switch (c.behaviour) {
    case 'decline':
    case 'charge_fail':
      return { declineCode: 'generic_decline', message: 'Your card was declined.' };
    case 'insufficient_funds':
      return { declineCode: 'insufficient_funds', message: 'Your card has insufficient funds.' };
    case 'lost_card':
      return { declineCode: 'lost_card', message: 'Your card was declined.' };
    case 'stolen_card':
      return { declineCode: 'stolen_card', message: 'Your card was declined.' };
    case 'expired_card':
      return { declineCode: 'expired_card', message: 'Your card has expired.' };
    case 'incorrect_cvc':
      return { declineCode: 'incorrect_cvc', message: "Your card's security code is incorrect." };
    case 'processing_error':
      return {
        declineCode: 'processing_error',
        message: 'An error occurred while processing your card. Try again in a little bit.',
      };
    case 'auth_always':
      return offSession
        ? {
            declineCode: 'authentication_required',
            message: 'Your card was declined. This transaction requires authentication.',
          }
        : null;
    default:
      return null;
  }
}

/** Cards that decline already when attached to a customer (Stripe validates them then). */
export function failsOnAttach(c: TestCard): boolean {
  return [
    'decline',
    'insufficient_funds',
    'lost_card',
    'stolen_card',
    'expired_card',
    'incorrect_cvc',
    'processing_error',
  ].includes(c.behaviour);
}
