/**
 * Error codes the portal's clients can rely on. tRPC carries its own code (NOT_FOUND…); this is the
 * finer reason in `error.data.reason`, stable across releases.
 */
export const ErrorReason = {
  noCustomer: 'NO_BILLING_CUSTOMER',
  readOnly: 'READ_ONLY_VIEW',
  featureDisabled: 'FEATURE_DISABLED',
  cardDeclined: 'CARD_DECLINED',
  stripeUnavailable: 'STRIPE_UNAVAILABLE',
} as const;
export type ErrorReason = (typeof ErrorReason)[keyof typeof ErrorReason];

export const NO_CUSTOMER_MESSAGE = 'No billing customer record found';
