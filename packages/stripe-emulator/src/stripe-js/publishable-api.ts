import type { Core } from '../core.js';
import { StripeError } from '../errors.js';
import { parseForm } from '../http/form.js';
import type { WireRequest } from '../http/wire.js';
import { confirmFromBrowser, createPaymentMethod, retrieveFromBrowser, type IntentKind } from './endpoints.js';

/**
 * Stripe.js calls the real `/v1` API with the publishable key (as `key` in the form, or as the
 * bearer token) plus the intent's client secret. Stripe allows exactly these calls with a
 * publishable key; every other `/v1` call needs the secret key.
 */
const BROWSER_CALLS: Array<{
  method: string;
  pattern: RegExp;
  kind?: IntentKind;
  action: 'confirm' | 'retrieve' | 'payment_method';
}> = [
  {
    method: 'POST',
    pattern: /^\/v1\/payment_intents\/([A-Za-z0-9_]+)\/confirm$/,
    kind: 'payment_intent',
    action: 'confirm',
  },
  {
    method: 'POST',
    pattern: /^\/v1\/setup_intents\/([A-Za-z0-9_]+)\/confirm$/,
    kind: 'setup_intent',
    action: 'confirm',
  },
  { method: 'GET', pattern: /^\/v1\/payment_intents\/([A-Za-z0-9_]+)$/, kind: 'payment_intent', action: 'retrieve' },
  { method: 'GET', pattern: /^\/v1\/setup_intents\/([A-Za-z0-9_]+)$/, kind: 'setup_intent', action: 'retrieve' },
  { method: 'POST', pattern: /^\/v1\/payment_methods$/, action: 'payment_method' },
];

const PUBLISHABLE = /^pk_test_[A-Za-z0-9_]+$/;

/** The request's parameters, and whether it authenticates with a publishable key. */
export function publishableRequest(req: WireRequest, url: URL): Record<string, unknown> | null {
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  // Server calls (a secret key, or Basic auth) skip the extra parse: the common case stays cheap.
  if (req.headers.authorization !== undefined && !(bearer && PUBLISHABLE.test(bearer))) return null;
  const params = req.method === 'POST' ? parseForm(req.body) : parseForm(url.search.slice(1));
  const key = bearer ?? (typeof params.key === 'string' ? params.key : undefined);
  return key !== undefined && PUBLISHABLE.test(key) ? params : null;
}

/** Answers a publishable-key call the way Stripe does: the client view of the intent, or 401. */
export function answerPublishable(core: Core, req: WireRequest, url: URL, params: Record<string, unknown>): unknown {
  for (const call of BROWSER_CALLS) {
    const m = req.method === call.method ? call.pattern.exec(url.pathname) : null;
    if (!m) continue;
    const body = { ...params };
    delete body.expand;
    if (call.action === 'payment_method') return core.store.render(createPaymentMethod(core, body));
    const kind = call.kind as IntentKind;
    return call.action === 'confirm'
      ? confirmFromBrowser(core, kind, m[1] ?? '', body)
      : retrieveFromBrowser(core, kind, m[1] ?? '', body);
  }
  throw new StripeError(401, {
    type: 'invalid_request_error',
    code: 'secret_key_required',
    message:
      'This API call cannot be made with a publishable API key. Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.',
  });
}
