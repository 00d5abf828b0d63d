import { setBounded, type CustomerLinks, type Identity } from '@portal/api';
import { usersRepo } from '@portal/db';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hostTokenVerifier } from '../auth/host-token';
import { SESSION_TTL_SECONDS, sessionTokens } from '../auth/session-token';

export const SESSION_COOKIE = 'portal_session';

export interface AuthOptions {
  sessionSecret: string;
  /** Cookies are Secure everywhere but plain-http localhost development. */
  secureCookies: boolean;
  hostToken: Parameters<typeof hostTokenVerifier>[0];
  /** Where a host token's `customer_id` is stored (and every instance's memory of it updated). */
  customerLinks: CustomerLinks;
}

export interface Auth {
  /** Who is calling: the portal's session cookie, else the host app's bearer token, else nobody. */
  identify(request: FastifyRequest): Promise<Identity | null>;
  /** A host-app token that arrived outside the Authorization header (an SSE connection's params). */
  identifyToken(token: string): Promise<Identity | null>;
  startSession(reply: FastifyReply, identity: Identity): Promise<void>;
  endSession(reply: FastifyReply): void;
}

const IDENTITY = 'portalIdentity';

declare module 'fastify' {
  interface FastifyInstance {
    auth: Auth;
  }
  interface FastifyRequest {
    /** Who is calling, once asked (see Auth.identify); null until then. */
    [IDENTITY]: Promise<Identity | null> | null;
  }
}

export default fp<AuthOptions>(
  async (app, opts) => {
    const sessions = sessionTokens(opts.sessionSecret);
    const verifyHostToken = hostTokenVerifier(opts.hostToken);
    const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: opts.secureCookies };

    // One verification per request: the rate limiter and tRPC's context both ask who is calling.
    // Kept on the request itself (a WeakMap keyed by requests grew by one entry per request until
    // the next GC, and its churn cost more than the lookup it saved).
    app.decorateRequest(IDENTITY, null);
    const auth: Auth = {
      identify(request) {
        let identity = request[IDENTITY];
        if (!identity) {
          identity = identifyUncached(request);
          request[IDENTITY] = identity;
        }
        return identity;
      },
      identifyToken: (token) => fromHostToken(token),
      async startSession(reply, identity) {
        reply.header('set-cookie', serializeCookie(SESSION_COOKIE, await sessions.sign(identity), { ...cookieOptions, maxAge: SESSION_TTL_SECONDS }));
      },
      endSession(reply) {
        reply.header('set-cookie', serializeCookie(SESSION_COOKIE, '', { ...cookieOptions, expires: new Date(0), maxAge: 0 }));
      },
    };

    async function identifyUncached(request: FastifyRequest): Promise<Identity | null> {
      const authorization = request.headers.authorization;
      if (authorization?.startsWith('Bearer ')) return fromHostToken(authorization.slice(7).trim());
      // Only the session cookie matters here, and only to requests that ask who is calling.
      const cookies = request.headers.cookie;
      const token = cookies?.includes(SESSION_COOKIE) ? parseCookies(cookies)[SESSION_COOKIE] : undefined;
      return token ? sessions.verify(token) : null;
    }

    // Last claims written per host user, bounded; a miss only costs one idempotent upsert.
    const mirrored = new Map<string, string>();

    async function fromHostToken(token: string): Promise<Identity | null> {
      const claims = await verifyHostToken(token);
      if (!claims) return null;
      const { customerId, ...identity } = claims;
      // The host app is the authority on its users; mirror what its signed token says. Every
      // request carries the token, so write only when its claims differ from what was last stored.
      const fingerprint = JSON.stringify([identity.email, identity.name, identity.role, customerId]);
      if (mirrored.get(identity.userId) !== fingerprint) {
        await usersRepo(app.db).upsert({ id: identity.userId, email: identity.email, name: identity.name, role: identity.role, password_hash: null });
        if (customerId) await opts.customerLinks.link(identity.userId, customerId);
        setBounded(mirrored, identity.userId, fingerprint, 50_000);
      }
      return identity;
    }
    app.decorate('auth', auth);
  },
  { name: 'auth', dependencies: ['db'] },
);
