/** Stripe's error body: `{ error: { type, code, message, param, decline_code, doc_url } }`. */
export interface StripeErrorBody {
  type: 'invalid_request_error' | 'card_error' | 'api_error' | 'idempotency_error' | 'rate_limit_error';
  message: string;
  code?: string;
  param?: string;
  decline_code?: string;
  doc_url?: string;
  [extra: string]: unknown;
}

export class StripeError extends Error {
  constructor(
    readonly status: number,
    readonly body: StripeErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }

  toJSON(): { error: StripeErrorBody } {
    const body = { ...this.body };
    if (body.code && !body.doc_url && !body.code.startsWith('emulator_'))
      body.doc_url = `https://stripe.com/docs/error-codes/${body.code.replace(/_/g, '-')}`;
    return { error: body };
  }
}

export function invalidRequest(message: string, param?: string, code?: string): StripeError {
  return new StripeError(400, {
    type: 'invalid_request_error',
    message,
    ...(param !== undefined ? { param } : {}),
    ...(code !== undefined ? { code } : {}),
  });
}

export function unknownParameter(param: string): StripeError {
  return invalidRequest(`Received unknown parameter: ${param}`, param, 'parameter_unknown');
}

/**
 * A parameter the SDK's params type declares (so Stripe accepts it) but the emulator does not
 * implement. Never `parameter_unknown`: that would claim Stripe rejects it.
 */
export function unsupportedParameter(param: string): StripeError {
  return invalidRequest(
    `Received parameter not supported by stripe-emulator: ${param}. It is a valid Stripe parameter for this endpoint, but the emulator does not implement it.`,
    param,
    'emulator_unsupported_parameter',
  );
}

export function missingParameter(param: string): StripeError {
  return invalidRequest(`Missing required param: ${param}.`, param, 'parameter_missing');
}

/** Names as Stripe words them in "No such customer: 'cus_x'". */
const NOUNS: Record<string, string> = {
  customer: 'customer',
  product: 'product',
  price: 'price',
  subscription: 'subscription',
  subscription_item: 'subscription item',
  payment_method: 'PaymentMethod',
  invoice: 'invoice',
  invoiceitem: 'invoice item',
  coupon: 'coupon',
  promotion_code: 'promotion code',
  setup_intent: 'setupintent',
  payment_intent: 'payment_intent',
  tax_id: 'tax ID',
  webhook_endpoint: 'webhook endpoint',
  event: 'event',
  'billing_portal.configuration': 'configuration',
  'billing_portal.session': 'session',
  'test_helpers.test_clock': 'test clock',
  subscription_schedule: 'subscription schedule',
  charge: 'charge',
  customer_balance_transaction: 'customer balance transaction',
  invoice_payment: 'invoice payment',
  // Guess: the notes do not record Stripe's noun for meters.
  'billing.meter': 'meter',
  // Guess, like meters.
  'billing.alert': 'alert',
};

function noSuch(status: 400 | 404, object: string, id: string, param: string): StripeError {
  const noun = NOUNS[object] ?? object;
  return new StripeError(status, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${noun}: '${id}'`,
    param,
  });
}

/** An object named in the URL path does not exist: Stripe's 404, `param` naming the path's id. */
export function resourceMissing(object: string, id: string, param = 'id'): StripeError {
  return noSuch(404, object, id, param);
}

/**
 * An id given as a request parameter (body or query string) names no object: Stripe answers 400,
 * not 404 (the URL exists, the request is wrong), with `param` set to that parameter.
 */
export function referenceMissing(object: string, id: string, param: string): StripeError {
  return noSuch(400, object, id, param);
}

/** Declines Stripe reports under their own `code`; every other decline is `card_declined`. */
export const OWN_CODE_DECLINES: readonly string[] = [
  'expired_card',
  'incorrect_cvc',
  'processing_error',
  'incorrect_number',
  'authentication_required',
];

export function cardDeclined(declineCode: string, message: string, extra: Record<string, unknown> = {}): StripeError {
  const code = OWN_CODE_DECLINES.includes(declineCode) ? declineCode : 'card_declined';
  return new StripeError(402, {
    type: 'card_error',
    code,
    decline_code: declineCode,
    message,
    ...extra,
  });
}

export function authenticationError(message: string): StripeError {
  return new StripeError(401, { type: 'invalid_request_error', message });
}
