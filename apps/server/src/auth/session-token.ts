import type { Identity } from '@portal/api';
import { jwtVerify, SignJWT } from 'jose';
import { rememberVerified } from './verified-tokens';

const ISSUER = 'billing-portal/session';

/** What a valid session cookie says: who, and which server-side session (sessions table) it names. */
export interface SessionClaims {
  identity: Identity;
  sessionId: string;
}

/**
 * The portal's session cookie: a JWT signed with SESSION_SECRET naming a server-side session.
 * The signature proves the cookie was ours; whether the session still holds (signed out, idle,
 * revoked everywhere) is the session store's answer, asked on every request.
 */
export function sessionTokens(secret: string) {
  const key = new TextEncoder().encode(secret);
  const verify = rememberVerified(async (token: string) => {
    try {
      const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'] });
      if (
        !payload.sub ||
        typeof payload.email !== 'string' ||
        typeof payload.exp !== 'number' ||
        typeof payload.sid !== 'string'
      )
        return null;
      const role = payload.role === 'support' ? 'support' : 'customer';
      const name = typeof payload.name === 'string' ? payload.name : null;
      const identity: Identity = { userId: payload.sub, email: payload.email, name, role };
      return { value: { identity, sessionId: payload.sid }, expiresAtMs: payload.exp * 1000 };
    } catch {
      return null;
    }
  });
  return {
    sign(identity: Identity, sessionId: string, maxAgeSeconds: number): Promise<string> {
      return new SignJWT({ email: identity.email, name: identity.name, role: identity.role, sid: sessionId })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(identity.userId)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(`${maxAgeSeconds}s`)
        .sign(key);
    },
    /** The claims a validly signed, unexpired session cookie carries, else null. */
    verify,
  };
}
