import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SESSION_COOKIE } from './auth';

export interface SecurityOptions {
  /** PUBLIC_URL: the one origin browsers reach the portal at, when set. */
  publicUrl: string | undefined;
  /** Origin of the emulator's Stripe.js stand-in (embedded mode), or null with real Stripe. */
  stripeJsOrigin: string | null;
  rateLimit: { perIp: number; perUser: number; windowSeconds: number };
}

/**
 * The SPA's Content-Security-Policy. Scripts come only from this origin and Stripe.js (no inline
 * script, no eval). Styles allow 'unsafe-inline' because Stripe Elements and React's `style`
 * attributes need it, and an injected style cannot run code. 3DS challenges run in Stripe frames.
 */
export function contentSecurityPolicy(stripeJsOrigin: string | null, https: boolean) {
  const extra = stripeJsOrigin ? [stripeJsOrigin] : [];
  return {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", 'https://js.stripe.com', ...extra],
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

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A cross-site request riding on the session cookie (CSRF) is refused: browsers always send
 * `Origin` or `Sec-Fetch-Site` on such requests, so a foreign or missing-but-cross-site origin is
 * caught. Bearer requests carry their credential explicitly and cannot be forged by another site;
 * clients that send neither header are not browsers and hold no ambient cookie of a victim.
 */
export function isCrossSiteCookieRequest(request: FastifyRequest, publicOrigin: string | null): boolean {
  if (!UNSAFE.has(request.method) || request.headers.authorization?.startsWith('Bearer ')) return false;
  const carriesSession = request.headers.cookie?.includes(`${SESSION_COOKIE}=`) ?? false;
  // Login and logout have no session yet (or drop it) but are still worth guarding.
  if (!carriesSession && !request.url.startsWith('/auth/')) return false;
  const origin = request.headers.origin;
  if (origin !== undefined) {
    const allowed = [publicOrigin, `${request.protocol}://${request.host}`];
    return !allowed.includes(origin);
  }
  const site = request.headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}

function tooMany(reply: FastifyReply, scope: 'ip' | 'user', retryAfterSeconds: number) {
  return reply
    .code(429)
    .header('retry-after', String(retryAfterSeconds))
    .send({
      success: false,
      error: { code: 'TOO_MANY_REQUESTS', message: `Too many requests from this ${scope === 'ip' ? 'address' : 'account'}. Please wait ${retryAfterSeconds} s and try again.` },
    });
}

/** Paths exempt from the per-IP limit: Stripe delivers webhooks in bursts from a few IPs, and probes poll. */
const UNLIMITED = /^\/(webhooks\/stripe|healthz|readyz)(\?|$)/;

/** Security headers, CSRF origin check and rate limits for every route of the app. */
export default fp<SecurityOptions>(
  async (app, opts) => {
    const https = opts.publicUrl?.startsWith('https://') ?? false;
    const publicOrigin = opts.publicUrl ? new URL(opts.publicUrl).origin : null;
    const securityHeaders = fixedHeaders(
      helmet({
        contentSecurityPolicy: contentSecurityPolicy(opts.stripeJsOrigin, https),
        // HSTS pins the host to https for a year: only when the portal is actually served over https.
        strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
        crossOriginEmbedderPolicy: false,
      }),
    );
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(securityHeaders);
      done();
    });

    await app.register(rateLimit, { global: false });
    const windowMs = opts.rateLimit.windowSeconds * 1000;
    const perIp = app.createRateLimit({ max: opts.rateLimit.perIp, timeWindow: windowMs });
    const perUser = app.createRateLimit({
      max: opts.rateLimit.perUser,
      timeWindow: windowMs,
      // Keyed by the verified user, so one account cannot spread its load over many addresses.
      keyGenerator: async (request) => `user:${(await app.auth.identify(request))?.userId ?? ''}`,
      allowList: (_request, key) => key === 'user:',
    });

    app.addHook('onRequest', async (request, reply) => {
      if (isCrossSiteCookieRequest(request, publicOrigin)) {
        request.log.warn({ origin: request.headers.origin, site: request.headers['sec-fetch-site'] }, 'cross-site request refused');
        return reply.code(403).send({ success: false, error: { code: 'FORBIDDEN', message: 'Cross-site request refused.' } });
      }
      if (UNLIMITED.test(request.url)) return;
      for (const [scope, limiter] of [['ip', perIp], ['user', perUser]] as const) {
        const result = await limiter(request);
        if (!result.isAllowed && result.isExceeded) return tooMany(reply, scope, result.ttlInSeconds);
      }
    });
  },
  { name: 'security', dependencies: ['auth'] },
);
