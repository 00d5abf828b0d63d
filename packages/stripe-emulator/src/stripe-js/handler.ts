import type { Core, WireRequest, WireResponse } from '../core.js';
import { StripeError, authenticationError } from '../errors.js';
import { parseForm } from '../http/form.js';
import type { Params } from '../params.js';
import {
  INTENT_PATHS,
  authenticateFromBrowser,
  confirmFromBrowser,
  createPaymentMethod,
  retrieveFromBrowser,
  type IntentKind,
} from './endpoints.js';
import { stripeJsSource } from './script.js';

/** Where pages load the stand-in from: Stripe's own `/v3/` path, plus a shorter alias. */
export const SCRIPT_PATHS = new Set(['/v3/stripe.js', '/v3', '/v3/', '/js/stripe.js']);
export const API_PREFIX = '/_stripejs/';

/**
 * The SPA runs on another origin than the emulator, and the stand-in never sends cookies, so
 * any origin may load the script and call its endpoints (Stripe's own API answers CORS the same way).
 */
function cors(req: WireRequest, headers: Record<string, string> = {}): Record<string, string> {
  return {
    ...headers,
    'access-control-allow-origin': '*',
    'access-control-allow-methods': 'GET, POST, OPTIONS',
    'access-control-allow-headers':
      req.headers['access-control-request-headers'] ?? 'authorization, content-type, stripe-version',
    'access-control-max-age': '600',
  };
}

function json(req: WireRequest, status: number, body: unknown): WireResponse {
  return {
    status,
    headers: cors(req, { 'content-type': 'application/json', 'cache-control': 'no-store' }),
    body: JSON.stringify(body, null, 2),
  };
}

/** Stripe.js authenticates with the publishable key, sent as `key` (or as a Bearer token). */
function checkPublishableKey(req: WireRequest, params: Params): void {
  const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  const key = typeof params.key === 'string' && params.key !== '' ? params.key : bearer;
  if (!key)
    throw authenticationError(
      'You did not provide an API key. Stripe.js sends your publishable key (pk_test_…) with every request.',
    );
  if (!/^pk_test_[A-Za-z0-9_]+$/.test(key))
    throw authenticationError(`Invalid API Key provided: ${key.slice(0, 12)}****`);
}

function parseRequest(req: WireRequest, url: URL): Params {
  if (req.method !== 'POST') return parseForm(url.search.slice(1));
  const type = req.headers['content-type'] ?? 'application/x-www-form-urlencoded';
  if (req.body && !type.includes('application/x-www-form-urlencoded'))
    throw new StripeError(400, {
      type: 'invalid_request_error',
      message: `Invalid request: unsupported Content-Type ${type}.`,
    });
  return parseForm(req.body);
}

function route(core: Core, req: WireRequest, url: URL): unknown {
  const params = parseRequest(req, url);
  delete params._envelope;
  const path = url.pathname.slice(API_PREFIX.length);
  const intent = /^(setup_intents|payment_intents)\/([A-Za-z0-9_]+)(?:\/(confirm|authenticate))?$/.exec(path);
  const kind = intent
    ? ((Object.keys(INTENT_PATHS) as IntentKind[]).find((k) => INTENT_PATHS[k] === intent[1]) ?? null)
    : null;
  const action = `${req.method} ${intent ? (intent[3] ?? 'retrieve') : path}`;
  if (kind && intent) {
    const id = intent[2] ?? '';
    checkPublishableKey(req, params);
    if (action === 'GET retrieve') return retrieveFromBrowser(core, kind, id, params);
    if (action === 'POST confirm') return confirmFromBrowser(core, kind, id, params);
    if (action === 'POST authenticate') return authenticateFromBrowser(core, kind, id, params);
  } else if (action === 'POST payment_methods') {
    checkPublishableKey(req, params);
    return core.store.render(createPaymentMethod(core, params));
  }
  throw new StripeError(404, {
    type: 'invalid_request_error',
    message: `Unrecognized request URL (${req.method}: ${url.pathname}).`,
  });
}

function answer(core: Core, req: WireRequest, url: URL): WireResponse {
  try {
    return json(req, 200, route(core, req, url));
  } catch (e) {
    if (e instanceof StripeError)
      return {
        status: e.status,
        headers: cors(req, { 'content-type': 'application/json', ...e.headers }),
        body: JSON.stringify(e.toJSON(), null, 2),
      };
    console.error('[stripe-emulator] stripe-js stand-in error', e);
    return json(req, 500, {
      error: { type: 'api_error', message: `Internal emulator error: ${(e as Error).message}` },
    });
  }
}

/**
 * Serves the Stripe.js stand-in and the endpoints it calls. Mounted as a raw handler, so these
 * requests skip the secret-key auth, latency and fault injection of the `/v1` pipeline.
 */
export function stripeJsHandler(core: Core): (req: WireRequest, url: URL) => WireResponse | null {
  return (req, url) => {
    const isScript = SCRIPT_PATHS.has(url.pathname);
    if (!isScript && !url.pathname.startsWith(API_PREFIX)) return null;
    if (req.method === 'OPTIONS') return { status: 204, headers: cors(req), body: '' };
    if (isScript) {
      if (req.method !== 'GET' && req.method !== 'HEAD')
        return json(req, 405, { error: { type: 'invalid_request_error', message: 'Use GET.' } });
      const host = req.headers['x-forwarded-host'] ?? req.headers.host;
      const fallbackBase = host ? `${req.headers['x-forwarded-proto'] ?? 'http'}://${host}` : core.baseUrl;
      const headers = cors(req, {
        'content-type': 'application/javascript; charset=utf-8',
        'cache-control': 'no-cache',
      });
      return { status: 200, headers, body: req.method === 'HEAD' ? '' : stripeJsSource(fallbackBase) };
    }
    const res = answer(core, req, url);
    // The browser script asks for an envelope so expected declines are not console errors.
    if (url.searchParams.get('_envelope') !== '1') return res;
    return json(req, 200, { status: res.status, body: JSON.parse(String(res.body)) as unknown });
  };
}
