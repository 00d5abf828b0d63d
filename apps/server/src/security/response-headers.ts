import type { FastifyHelmetOptions } from '@fastify/helmet';

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

/** @fastify/helmet's options: its full set for pages, with the SPA's CSP. */
export function helmetOptions(opts: {
  stripeJsOrigin: string | null;
  https: boolean;
  inlineScripts?: string[];
}): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: contentSecurityPolicy(opts.stripeJsOrigin, opts.https, opts.inlineScripts),
    // HSTS pins the host to https for a year: only when the portal is actually served over https.
    strictTransportSecurity: opts.https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  };
}

/**
 * Data responses (API_PATH) get what OWASP's REST Security Cheat Sheet asks of an API: helmet's
 * HSTS, nosniff, CORP and referrer policy, plus no caching of a customer's billing data anywhere
 * (`no-store`) and a CSP that lets nothing run or frame it. A route may still set its own
 * cache-control.
 */
export const DATA_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
} as const;

/** Helmet's page-only headers, which mean nothing on a JSON response and are left off it. */
export const PAGE_ONLY_HEADERS = [
  'cross-origin-opener-policy',
  'origin-agent-cluster',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
] as const;
