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
  /** The promotion code (or its coupon) already discounts this subscription or customer: codes never stack. */
  promotionCodeAlreadyApplied: 'PROMOTION_CODE_ALREADY_APPLIED',
  /** Unknown, inactive, expired, used up, or another customer's code: all read alike. */
  promotionCodeInvalid: 'PROMOTION_CODE_INVALID',
  /** A valid code whose restrictions this change does not meet (first purchase only, minimum amount, products). */
  promotionCodeNotApplicable: 'PROMOTION_CODE_NOT_APPLICABLE',
  /** The invoice is paid already (maybe by a racing click or another tab): nothing was charged. */
  invoiceAlreadyPaid: 'INVOICE_ALREADY_PAID',
  /** Stripe rejected the tax ID's type or value; `params.type` names the type. */
  invalidTaxId: 'INVALID_TAX_ID',
  /** The customer already has this tax ID (same type and number); `params.type`, `params.value`. */
  duplicateTaxId: 'DUPLICATE_TAX_ID',
  /** The bank asks for 3-D Secure; confirm in the browser with the returned client secret. */
  authenticationRequired: 'AUTHENTICATION_REQUIRED',
  /** Too many live-update streams open for one user (tabs); close one and try again. */
  tooManyStreams: 'TOO_MANY_STREAMS',
  /** The support agent's view-as was stopped, replaced or expired: the customer's data is no longer theirs to see. */
  viewAsEnded: 'VIEW_AS_ENDED',
  /** Too many failed sign-in attempts for this account; wait before trying again. */
  tooManySignInAttempts: 'TOO_MANY_SIGN_IN_ATTEMPTS',
  /** The object does not exist or is another customer's (read alike); `detail` names what: subscription, invoice… */
  notFound: 'NOT_FOUND',
  /** A plan change the subscription cannot take as asked; `detail` says why (mixed_intervals…). */
  invalidChange: 'INVALID_CHANGE',
  /** A quantity outside the plan's range; `params.minimum`, `params.maximum`. */
  quantityOutOfRange: 'QUANTITY_OUT_OF_RANGE',
  /** A pause's resume date that is in the past (`detail: past`) or too far (`detail: too_far`, `params.maxDays`). */
  invalidResumeDate: 'INVALID_RESUME_DATE',
  /** A cancellation reason the survey did not offer. */
  invalidCancellationReason: 'INVALID_CANCELLATION_REASON',
  /** A hosted-portal configuration id this portal does not know. */
  unknownConfiguration: 'UNKNOWN_CONFIGURATION',
  /** Stripe refused a billing detail; `params.field` names it (Stripe's `param`). */
  invalidDetails: 'INVALID_DETAILS',
  /** No session, or it ended (signed out, expired). */
  signInRequired: 'SIGN_IN_REQUIRED',
  /** A support-only procedure called by a customer. */
  supportOnly: 'SUPPORT_ONLY',
} as const;
export type ErrorReason = (typeof ErrorReason)[keyof typeof ErrorReason];

/**
 * Values a client needs to word an error in the customer's language (`error.data.params`): the
 * server's `message` is English and only a fallback for reasons a client does not know.
 */
export type ErrorParams = Record<string, string | number>;

/**
 * A refusal as the wire carries it (`error.data`): the reason, an optional finer `detail` under it
 * (e.g. FEATURE_DISABLED + `pause`, ACTION_UNAVAILABLE + `already_paused`) and the values to word it
 * with. Clients word `error.<reason>.<detail>`, else `error.<reason>`.
 */
export interface Refusal {
  reason: ErrorReason;
  detail?: string;
  params?: ErrorParams;
}

export const NO_CUSTOMER_MESSAGE = 'No billing customer record found';
