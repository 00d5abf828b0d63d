import type { Identity } from '@portal/api';
import { jwtVerify, SignJWT } from 'jose';
import { rememberVerified } from './verified-tokens';

const ISSUER = 'billing-portal/session';
export const SESSION_TTL_SECONDS = 8 * 60 * 60;

/** The portal's own session, kept in an HttpOnly cookie: a short JWT signed with SESSION_SECRET. */
export function sessionTokens(secret: string) {
  const key = new TextEncoder().encode(secret);
  const verify = rememberVerified(async (token: string) => {
    try {
      const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'] });
      if (!payload.sub || typeof payload.email !== 'string' || typeof payload.exp !== 'number') return null;
      const role = payload.role === 'support' ? 'support' : 'customer';
      const name = typeof payload.name === 'string' ? payload.name : null;
      const identity: Identity = { userId: payload.sub, email: payload.email, name, role };
      return { value: identity, expiresAtMs: payload.exp * 1000 };
    } catch {
      return null;
    }
  });
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
    /** The identity a valid session token carries, else null (expired, forged, malformed). */
    verify,
  };
}
