import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { fixedWindowLimiter } from '../security/rate-limiter';
import { API_PATH, securityHeaderSets } from '../security/response-headers';
import { SESSION_COOKIE } from './auth';

export { contentSecurityPolicy } from '../security/response-headers';

export interface SecurityOptions {
  /** PUBLIC_URL: the one origin browsers reach the portal at, when set. */
  publicUrl: string | undefined;
  /** Origin of the emulator's Stripe.js stand-in (embedded mode), or null with real Stripe. */
  stripeJsOrigin: string | null;
  rateLimit: { perIp: number; perUser: number; windowSeconds: number };
  /** CSP hash sources of the SPA's inline scripts (security/inline-scripts.ts). */
  inlineScripts?: string[];
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
    // With PUBLIC_URL the origin is known and the request's headers have no say. Without it
    // (embedded, development) the request's own host: Fastify takes X-Forwarded-Host/-Proto only
    // from a TRUST_PROXY peer, so an untrusted peer cannot make a foreign origin look like ours.
    return origin !== (publicOrigin ?? `${request.protocol}://${request.host}`);
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

/**
 * Security headers, CSRF origin check and rate limits for every route of the app, in one hook: it
 * runs on every request, and each hook Fastify iterates is a cost of every request too.
 */
export default fp<SecurityOptions>(
  async (app, opts) => {
    const https = opts.publicUrl?.startsWith('https://') ?? false;
    const publicOrigin = opts.publicUrl ? new URL(opts.publicUrl).origin : null;
    const headers = securityHeaderSets({ stripeJsOrigin: opts.stripeJsOrigin, https, inlineScripts: opts.inlineScripts });
    const windowMs = opts.rateLimit.windowSeconds * 1000;
    const perIp = fixedWindowLimiter({ max: opts.rateLimit.perIp, windowMs });
    // Keyed by the verified user, so one account cannot spread its load over many addresses.
    const perUser = fixedWindowLimiter({ max: opts.rateLimit.perUser, windowMs });

    app.addHook('onRequest', async (request, reply) => {
      reply.headers(API_PATH.test(request.url) ? headers.data : headers.page);
      if (isCrossSiteCookieRequest(request, publicOrigin)) {
        request.log.warn({ origin: request.headers.origin, site: request.headers['sec-fetch-site'] }, 'cross-site request refused');
        return reply.code(403).send({ success: false, error: { code: 'FORBIDDEN', message: 'Cross-site request refused.' } });
      }
      if (UNLIMITED.test(request.url)) return;
      const ipWait = perIp.hit(request.ip);
      if (ipWait !== null) return tooMany(reply, 'ip', ipWait);
      const identity = await app.auth.identify(request);
      const userWait = identity ? perUser.hit(identity.userId) : null;
      if (userWait !== null) return tooMany(reply, 'user', userWait);
    });
  },
  { name: 'security', dependencies: ['auth'] },
);
