import { timingSafeEqual } from 'node:crypto';
import type { Core } from '../core.js';
import { StripeError, invalidRequest, missingParameter, referenceMissing, resourceMissing } from '../errors.js';
import { parseFields, s, type Params } from '../params.js';
import { completePaymentAuthentication } from '../resources/payment-intents.js';
import { completeSetupAuthentication } from '../resources/setup-intents.js';
import type { StripeObject } from '../store.js';

/** The two intent kinds Stripe.js confirms; the value is the API path segment. */
export const INTENT_PATHS = { setup_intent: 'setup_intents', payment_intent: 'payment_intents' } as const;
export type IntentKind = keyof typeof INTENT_PATHS;

/**
 * Fields Stripe returns when an intent is read with a publishable key: enough for the browser to
 * follow the flow, but not the customer, metadata or anything else only the server should see.
 */
const CLIENT_FIELDS: Record<IntentKind, string[]> = {
  setup_intent: [
    'id',
    'object',
    'automatic_payment_methods',
    'cancellation_reason',
    'client_secret',
    'created',
    'description',
    'last_setup_error',
    'livemode',
    'next_action',
    'payment_method',
    'payment_method_types',
    'status',
    'usage',
  ],
  payment_intent: [
    'id',
    'object',
    'amount',
    'automatic_payment_methods',
    'canceled_at',
    'cancellation_reason',
    'capture_method',
    'client_secret',
    'confirmation_method',
    'created',
    'currency',
    'description',
    'last_payment_error',
    'livemode',
    'next_action',
    'payment_method',
    'payment_method_types',
    'processing',
    'receipt_email',
    'setup_future_usage',
    'shipping',
    'status',
  ],
};

export function clientView(core: Core, intent: StripeObject): Record<string, unknown> {
  const full = core.store.render(intent);
  const kind = intent.object as IntentKind;
  return Object.fromEntries(CLIENT_FIELDS[kind].filter((k) => k in full).map((k) => [k, full[k]]));
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The intent a browser may act on: it must exist and the client secret must be its own. A wrong
 * secret answers like an unknown id (404), so a publishable key cannot probe for intents.
 */
export function intentForSecret(core: Core, kind: IntentKind, id: string, clientSecret: unknown): StripeObject {
  if (typeof clientSecret !== 'string' || clientSecret === '') throw missingParameter('client_secret');
  const intent = core.store.get(id);
  if (!intent || intent.object !== kind) throw resourceMissing(kind, id, 'intent');
  if (!sameSecret(clientSecret, String(intent.client_secret))) {
    const noun = kind === 'setup_intent' ? 'SetupIntent' : 'PaymentIntent';
    throw new StripeError(404, {
      type: 'invalid_request_error',
      code: 'resource_missing',
      param: 'client_secret',
      message: `The client_secret provided does not match the client_secret associated with the ${noun}.`,
    });
  }
  return intent;
}

const confirmSpec = {
  key: s.string(),
  client_secret: s.req(s.string()),
  payment_method: s.string(),
  // Checked by `/v1/payment_methods` itself, so the card rules live in one place.
  payment_method_data: s.any(),
  return_url: s.string(),
  use_stripe_sdk: s.bool(),
  expected_payment_method_type: s.string(),
  setup_future_usage: s.enum('off_session', 'on_session'),
};

/** `POST /v1/payment_methods` as the emulator's own API does it, from the card form's fields. */
export function createPaymentMethod(core: Core, data: Params): StripeObject {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw invalidRequest('Invalid object', 'payment_method_data');
  const params: Record<string, unknown> = { ...data };
  delete params.key;
  return core.call('POST', '/v1/payment_methods', params);
}

/**
 * Confirms an intent from the browser: mints the payment method from the card fields (or takes
 * an id), then runs the real confirm route so outcomes (declines, 3DS) match the server's API.
 */
export function confirmFromBrowser(core: Core, kind: IntentKind, id: string, body: Params): Record<string, unknown> {
  const p = parseFields(confirmSpec, body);
  const intent = intentForSecret(core, kind, id, p.client_secret);
  let pmId: string | undefined = p.payment_method;
  if (pmId) {
    // A publishable key may use test tokens or fresh methods, never another customer's card.
    const existing = core.store.get(pmId);
    if (existing && existing.customer && existing.customer !== intent.customer)
      throw referenceMissing('payment_method', pmId, 'payment_method');
  } else if (p.payment_method_data !== undefined) {
    pmId = createPaymentMethod(core, p.payment_method_data).id;
  }
  const params: Record<string, unknown> = {};
  if (pmId) params.payment_method = pmId;
  if (p.return_url) params.return_url = p.return_url;
  // Stripe.js always confirms with `use_stripe_sdk: true`, so a 3DS card answers the
  // `use_stripe_sdk` next action it handles in the page (the stand-in's challenge dialog).
  params.use_stripe_sdk = p.use_stripe_sdk ?? true;
  if (kind === 'payment_intent' && p.setup_future_usage) params.setup_future_usage = p.setup_future_usage;
  try {
    core.call('POST', `/v1/${INTENT_PATHS[kind]}/${intent.id}/confirm`, params);
  } catch (e) {
    // Declines carry the intent; the browser gets the publishable-key view of it.
    if (e instanceof StripeError && e.body[kind]) e.body[kind] = clientView(core, core.store.find(kind, intent.id));
    throw e;
  }
  return clientView(core, core.store.find(kind, intent.id));
}

/** The in-page 3DS challenge's answer: completes or fails the authentication the intent waits for. */
export function authenticateFromBrowser(
  core: Core,
  kind: IntentKind,
  id: string,
  body: Params,
): Record<string, unknown> {
  const p = parseFields(
    { key: s.string(), client_secret: s.req(s.string()), result: s.req(s.enum('succeed', 'fail')) },
    body,
  );
  const intent = intentForSecret(core, kind, id, p.client_secret);
  if (intent.status !== 'requires_action')
    throw invalidRequest(
      `This ${kind === 'setup_intent' ? 'SetupIntent' : 'PaymentIntent'} has a status of ${intent.status} and does not need authentication.`,
      undefined,
      kind === 'setup_intent' ? 'setup_intent_unexpected_state' : 'payment_intent_unexpected_state',
    );
  core.transaction(() => {
    if (kind === 'setup_intent') completeSetupAuthentication(core, intent, p.result === 'succeed');
    else completePaymentAuthentication(core, intent, p.result === 'succeed');
  });
  return clientView(core, core.store.find(kind, intent.id));
}

export function retrieveFromBrowser(core: Core, kind: IntentKind, id: string, query: Params): Record<string, unknown> {
  const p = parseFields({ key: s.string(), client_secret: s.req(s.string()), expand: s.any() }, query);
  return clientView(core, intentForSecret(core, kind, id, p.client_secret));
}
