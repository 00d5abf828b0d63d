import { FailureCode } from '@portal/contract';
import type { FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpFailure } from '../../errors/http-failure';
import { rateLimits, type RateLimitOptions } from '../../security/rate-limits';
import { API_PATH, DATA_HEADERS, PAGE_ONLY_HEADERS } from '../../security/response-headers';
import { SESSION_COOKIE } from './auth';

export { contentSecurityPolicy } from '../../security/response-headers';

export interface SecurityOptions {
  /** PUBLIC_URL: the one origin browsers reach the portal at, when set. */
  publicUrl: string | undefined;
  rateLimit: RateLimitOptions;
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

/**
 * The CSRF origin check and rate limits for every route of the app, and the data routes' headers.
 * Registered after helmet (plugins/external/helmet.ts) so its hook runs after helmet's.
 */
export default fp<SecurityOptions>(
  async (app, opts) => {
    const publicOrigin = opts.publicUrl ? new URL(opts.publicUrl).origin : null;
    const limit = rateLimits(app, opts.rateLimit);

    // Runs after helmet's hook: data responses swap the page headers for the API set.
    app.addHook('onRequest', async (request, reply) => {
      if (API_PATH.test(request.url)) {
        for (const name of PAGE_ONLY_HEADERS) reply.raw.removeHeader(name);
        reply.headers(DATA_HEADERS);
      }
      if (isCrossSiteCookieRequest(request, publicOrigin)) {
        request.log.warn(
          { origin: request.headers.origin, site: request.headers['sec-fetch-site'] },
          'cross-site request refused',
        );
        throw new HttpFailure(FailureCode.forbidden, 'Cross-site request refused.');
      }
      return limit(request);
    });
  },
  { name: 'security', dependencies: ['auth', 'rate-limit-store', 'helmet-headers'] },
);
