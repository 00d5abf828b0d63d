import type { CustomerLinks, Identity } from '@portal/api';
import { LRUCache } from 'lru-cache';
import { usersRepo } from '@portal/db';
import { parse as parseCookies, serialize as serializeCookie } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hostTokenVerifier } from '../../auth/host-token';
import { createSessionStore, type SessionStore } from '../../auth/session-store';
import { sessionTokens } from '../../auth/session-token';

export const SESSION_COOKIE = 'portal_session';

export interface AuthOptions {
  sessionSecret: string;
  /** Cookies are Secure everywhere but plain-http localhost development. */
  secureCookies: boolean;
  hostToken: Parameters<typeof hostTokenVerifier>[0];
  /** Where a host token's `customer_id` is stored (and every instance's memory of it updated). */
  customerLinks: CustomerLinks;
  /** A session ends after this long without a request (Stripe's hosted portal: 1 hour). */
  sessionIdleMs: number;
  /** ...and at the latest this long after sign-in. */
  sessionLifetimeMs: number;
}

export interface Auth {
  /** Who is calling: the portal's session cookie, else the host app's bearer token, else nobody. */
  identify(request: FastifyRequest): Promise<Identity | null>;
  /** The server-side session behind the request's cookie, when it is live. */
  sessionOf(request: FastifyRequest): Promise<string | null>;
  /** A host-app token that arrived outside the Authorization header (an SSE connection's params). */
  identifyToken(token: string): Promise<Identity | null>;
  startSession(reply: FastifyReply, identity: Identity): Promise<void>;
  /** Revokes the request's session (if any) and clears the cookie. */
  endSession(request: FastifyRequest, reply: FastifyReply): Promise<void>;
  /** Revokes every session of the request's user on every instance; answers how many ended. */
  endAllSessions(request: FastifyRequest, reply: FastifyReply): Promise<number>;
  sessions: SessionStore;
}

const IDENTITY = 'portalIdentity';

interface Caller {
  identity: Identity | null;
  sessionId: string | null;
}

declare module 'fastify' {
  interface FastifyInstance {
    auth: Auth;
  }
  interface FastifyRequest {
    /** Who is calling, once asked (see Auth.identify); null until then. */
    [IDENTITY]: Promise<Caller> | null;
  }
}

export default fp<AuthOptions>(
  async (app, opts) => {
    const tokens = sessionTokens(opts.sessionSecret);
    const store = createSessionStore({
      db: app.db,
      notifier: app.dbNotifier,
      idleMs: opts.sessionIdleMs,
      lifetimeMs: opts.sessionLifetimeMs,
    });
    await store.start();
    app.addHook('onClose', () => store.close());
    const verifyHostToken = hostTokenVerifier(opts.hostToken);
    const cookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: opts.secureCookies };
    const clearCookie = (reply: FastifyReply) =>
      reply.header(
        'set-cookie',
        serializeCookie(SESSION_COOKIE, '', { ...cookieOptions, expires: new Date(0), maxAge: 0 }),
      );

    // One verification per request: the rate limiter and tRPC's context both ask who is calling.
    // Kept on the request itself (a WeakMap keyed by requests grew by one entry per request until
    // the next GC, and its churn cost more than the lookup it saved).
    app.decorateRequest(IDENTITY, null);
    const caller = (request: FastifyRequest): Promise<Caller> => {
      let found = request[IDENTITY];
      if (!found) {
        found = identifyUncached(request);
        request[IDENTITY] = found;
      }
      return found;
    };
    const auth: Auth = {
      identify: async (request) => (await caller(request)).identity,
      sessionOf: async (request) => (await caller(request)).sessionId,
      identifyToken: (token) => fromHostToken(token),
      async startSession(reply, identity) {
        const session = await store.create(identity.userId);
        const cookie = await tokens.sign(identity, session.id, session.maxAgeSeconds);
        reply.header(
          'set-cookie',
          serializeCookie(SESSION_COOKIE, cookie, { ...cookieOptions, maxAge: session.maxAgeSeconds }),
        );
      },
      async endSession(request, reply) {
        // Revoked even when it is already idle or expired: the cookie must never answer again.
        const claims = await cookieClaims(request);
        if (claims) await store.revoke(claims.sessionId);
        clearCookie(reply);
      },
      async endAllSessions(request, reply) {
        const { identity, sessionId } = await caller(request);
        if (!identity || !sessionId) return 0;
        const ended = await store.revokeAllFor(identity.userId);
        clearCookie(reply);
        return ended;
      },
      sessions: store,
    };

    async function cookieClaims(request: FastifyRequest) {
      // Only the session cookie matters here, and only to requests that ask who is calling.
      const cookies = request.headers.cookie;
      const token = cookies?.includes(SESSION_COOKIE) ? parseCookies(cookies)[SESSION_COOKIE] : undefined;
      return token ? tokens.verify(token) : null;
    }

    async function identifyUncached(request: FastifyRequest): Promise<Caller> {
      const authorization = request.headers.authorization;
      if (authorization?.startsWith('Bearer '))
        return { identity: await fromHostToken(authorization.slice(7).trim()), sessionId: null };
      const claims = await cookieClaims(request);
      // The live-updates stream reconnects by itself every few minutes: not activity of the user.
      const touch = !request.url.startsWith('/trpc/billing.changes');
      if (!claims || !(await store.isLive(claims.sessionId, claims.identity.userId, { touch })))
        return { identity: null, sessionId: null };
      return { identity: claims.identity, sessionId: claims.sessionId };
    }

    // Last claims written per host user, bounded; a miss only costs one idempotent upsert.
    const mirrored = new LRUCache<string, string>({ max: 50_000 });

    async function fromHostToken(token: string): Promise<Identity | null> {
      const claims = await verifyHostToken(token);
      if (!claims) return null;
      const { customerId, ...identity } = claims;
      // The host app is the authority on its users; mirror what its signed token says. Every
      // request carries the token, so write only when its claims differ from what was last stored.
      const fingerprint = JSON.stringify([identity.email, identity.name, identity.role]);
      if (mirrored.get(identity.userId) !== fingerprint) {
        await usersRepo(app.db).upsert({
          id: identity.userId,
          email: identity.email,
          name: identity.name,
          role: identity.role,
          password_hash: null,
        });
        mirrored.set(identity.userId, fingerprint);
      }
      // The link follows the token (docs/host-tokens: a value links, null or absent unlinks); it
      // is written only when the table says otherwise.
      await opts.customerLinks.follow(identity.userId, customerId);
      return identity;
    }
    app.decorate('auth', auth);
  },
  { name: 'auth', dependencies: ['db'] },
);
