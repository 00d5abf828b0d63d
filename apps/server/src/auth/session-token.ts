import type { Identity } from '@portal/api';
import { jwtVerify, SignJWT } from 'jose';

const ISSUER = 'billing-portal/session';
export const SESSION_TTL_SECONDS = 8 * 60 * 60;

/** The portal's own session, kept in an HttpOnly cookie: a short JWT signed with SESSION_SECRET. */
export function sessionTokens(secret: string) {
  const key = new TextEncoder().encode(secret);
  return {
    sign(identity: Identity): Promise<string> {
      return new SignJWT({ email: identity.email, name: identity.name, role: identity.role })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(identity.userId)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(`${SESSION_TTL_SECONDS}s`)
        .sign(key);
    },
    async verify(token: string): Promise<Identity | null> {
      try {
        const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'] });
        if (!payload.sub || typeof payload.email !== 'string') return null;
        const role = payload.role === 'support' ? 'support' : 'customer';
        const name = typeof payload.name === 'string' ? payload.name : null;
        return { userId: payload.sub, email: payload.email, name, role };
      } catch {
        return null;
      }
    },
  };
}
