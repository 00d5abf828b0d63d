import { StripeError, invalidRequest } from '../errors.js';
import type { WireRequest, WireResponse } from './wire.js';
import { markKnownToSdk } from '../params.js';
import { checkSdkParams } from '../sdk-params/check.js';
import { parseForm, type FormValue } from './form.js';

export function parseBody(req: WireRequest): Record<string, FormValue> {
  const type = req.headers['content-type'] ?? 'application/x-www-form-urlencoded';
  if (req.body && !type.includes('application/x-www-form-urlencoded'))
    throw invalidRequest(
      `Invalid request: unsupported Content-Type ${type}. If error persists and you need assistance, please contact support@stripe.com.`,
    );
  return parseForm(req.body);
}

/** `expand` is accepted by every endpoint; it is applied to the response, not the handler. */
export function takeExpand(raw: Record<string, FormValue>): string[] {
  const value = raw.expand;
  delete raw.expand;
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => {
    if (typeof v !== 'string') throw invalidRequest('Invalid array', 'expand');
    return v;
  });
}

/**
 * The request's parameters (body for POST, else the query string) and its `expand` list. Names
 * the SDK's params type for the route does not declare are rejected here as `parameter_unknown`.
 */
export function readParams(
  req: WireRequest,
  url: URL,
  route: string,
): { raw: Record<string, FormValue>; expand: string[] } {
  const raw = req.method === 'POST' ? parseBody(req) : parseForm(url.search.slice(1));
  const expand = takeExpand(raw);
  if (checkSdkParams(req.method, route, raw)) markKnownToSdk(raw);
  return { raw, expand };
}

export function errorResponse(err: StripeError): WireResponse {
  return {
    status: err.status,
    headers: { 'content-type': 'application/json', ...err.headers },
    body: JSON.stringify(err.toJSON(), null, 2),
  };
}

/** Stripe's key check: a secret test key as Bearer token or as the Basic-auth user name. */
export function apiKeyError(auth: string | undefined): StripeError | null {
  if (!auth)
    return new StripeError(401, {
      type: 'invalid_request_error',
      message:
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    });
  const basic = /^Basic (.+)$/.exec(auth);
  const key = basic
    ? (Buffer.from(basic[1] ?? '', 'base64')
        .toString('utf8')
        .split(':')[0] ?? '')
    : auth.startsWith('Bearer ')
      ? auth.slice(7)
      : '';
  if (/^sk_test_[A-Za-z0-9_]+$/.test(key)) return null;
  return new StripeError(401, {
    type: 'invalid_request_error',
    message: `Invalid API Key provided: ${(key || auth).slice(0, 12)}****`,
  });
}
