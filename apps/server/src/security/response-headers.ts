import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Paths that answer data (JSON, redirects), never a page: everything else is the SPA or its files. */
export const API_PATH = /^\/(trpc|api|auth|webhooks|healthz|readyz)(\/|$|\?)/;

/**
 * The SPA's Content-Security-Policy. Scripts come only from this origin and Stripe.js, plus the
 * inline scripts named by hash in `inlineScripts` (index.html's boot request; no 'unsafe-inline',
 * no eval). Styles allow 'unsafe-inline' because Stripe Elements and React's `style`
 * attributes need it, and an injected style cannot run code. 3DS challenges run in Stripe frames.
 */
export function contentSecurityPolicy(stripeJsOrigin: string | null, https: boolean, inlineScripts: string[] = []) {
  const extra = stripeJsOrigin ? [stripeJsOrigin] : [];
  return {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", ...inlineScripts, 'https://js.stripe.com', ...extra],
      connectSrc: ["'self'", 'https://api.stripe.com', 'https://m.stripe.network', ...extra],
      frameSrc: ['https://js.stripe.com', 'https://hooks.stripe.com', ...extra],
      imgSrc: ["'self'", 'data:', 'https://*.stripe.com'],
      styleSrc: ["'self'", "'unsafe-inline'"],
      fontSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'self'"],
      // Only over https: on plain-http localhost it would rewrite the emulator's http:// URLs.
      ...(https ? { upgradeInsecureRequests: [] } : {}),
    },
  };
}

/**
 * Helmet's headers, computed once. They depend on nothing in the request (no nonces), and running
 * helmet's dozen middlewares per response (@fastify/helmet even rebuilt them per request) was a
 * visible share of a warm read's cost.
 */
export function fixedHeaders(middleware: ReturnType<typeof helmet>): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let done = false;
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, () => (done = true));
  if (!done || Object.keys(headers).length === 0) throw new Error('helmet did not produce its headers synchronously');
  return headers;
}

/** Helmet's headers that apply to any response, pages or data. */
const SHARED = ['strict-transport-security', 'x-content-type-options', 'cross-origin-resource-policy', 'referrer-policy'];

/**
 * Two fixed sets of security headers:
 * - pages (the SPA and its files) get helmet's full set with the SPA's CSP;
 * - data (API_PATH) gets what OWASP's REST Security Cheat Sheet asks of an API: helmet's HSTS,
 *   nosniff, CORP and referrer policy, plus no caching of a customer's billing data anywhere
 *   (`no-store`) and a CSP that lets nothing run or frame it. The page-only headers (COOP, DNS
 *   prefetch, download options, origin-agent-cluster and the like) have no effect on a JSON response.
 * A route may still set its own cache-control (the SPA's files do).
 */
export function securityHeaderSets(opts: { stripeJsOrigin: string | null; https: boolean; inlineScripts?: string[] }) {
  const page = fixedHeaders(
    helmet({
      contentSecurityPolicy: contentSecurityPolicy(opts.stripeJsOrigin, opts.https, opts.inlineScripts),
      // HSTS pins the host to https for a year: only when the portal is actually served over https.
      strictTransportSecurity: opts.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
    }),
  );
  const data: Record<string, string> = {
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-frame-options': 'DENY',
  };
  for (const name of SHARED) if (page[name] !== undefined) data[name] = page[name];
  return { page, data };
}
