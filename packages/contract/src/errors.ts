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
  /** The action exists but not in the subscription's current state (e.g. resume an unpaused one). */
  actionUnavailable: 'ACTION_UNAVAILABLE',
  /** A confirm came too long after its preview; preview again so the amount shown stays true. */
  previewExpired: 'PREVIEW_EXPIRED',
  returnUrlNotAllowed: 'RETURN_URL_NOT_ALLOWED',
  /** Removing this card would leave a subscription that charges automatically with nothing to charge. */
  lastPaymentMethod: 'LAST_PAYMENT_METHOD',
  /** Only open invoices can be paid. */
  invoiceNotPayable: 'INVOICE_NOT_PAYABLE',
  /** Stripe rejected the tax ID's type or value; `params.type` names the type. */
  invalidTaxId: 'INVALID_TAX_ID',
  /** The customer already has this tax ID (same type and number); `params.type`, `params.value`. */
  duplicateTaxId: 'DUPLICATE_TAX_ID',
  /** The bank asks for 3-D Secure; confirm in the browser with the returned client secret. */
  authenticationRequired: 'AUTHENTICATION_REQUIRED',
} as const;
export type ErrorReason = (typeof ErrorReason)[keyof typeof ErrorReason];

/**
 * Values a client needs to word an error in the customer's language (`error.data.params`): the
 * server's `message` is English and only a fallback for reasons a client does not know.
 */
export type ErrorParams = Record<string, string | number>;

export const NO_CUSTOMER_MESSAGE = 'No billing customer record found';
