import type { Identity } from '@portal/api';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { rememberVerified } from './verified-tokens';

export interface HostTokenClaims extends Identity {
  /** The customer the token links the user to; null when it names none (the user is unlinked). */
  customerId: string | null;
}

export interface HostTokenConfig {
  secret?: string | undefined;
  jwksUrl?: string | undefined;
  issuer?: string | undefined;
  audience?: string | undefined;
}

/**
 * Verifies the host app's short-lived token (`Authorization: Bearer`). Claims: `sub` (user id),
 * `email`, `name`, `role` (customer | support) and `customer_id` (Stripe customer id, null or absent:
 * see README "Host-app tokens").
 */
export function hostTokenVerifier(config: HostTokenConfig) {
  if (!config.secret && !config.jwksUrl) return async () => null;
  const options = {
    ...(config.issuer ? { issuer: config.issuer } : {}),
    ...(config.audience ? { audience: config.audience } : {}),
    algorithms: config.secret ? ['HS256'] : ['RS256', 'ES256', 'EdDSA'],
    requiredClaims: ['exp', 'sub'],
  };
  const secret = config.secret ? new TextEncoder().encode(config.secret) : null;
  const jwks: JWTVerifyGetKey | null = config.jwksUrl ? createRemoteJWKSet(new URL(config.jwksUrl)) : null;
  const verify = (token: string) => (secret ? jwtVerify(token, secret, options) : jwtVerify(token, jwks!, options));
  return rememberVerified(async (token: string) => {
    try {
      const { payload } = await verify(token);
      // Bounded: these claims are stored (users table) and shown to support staff.
      if (
        !payload.sub ||
        payload.sub.length > 255 ||
        typeof payload.email !== 'string' ||
        payload.email.length > 320 ||
        typeof payload.exp !== 'number'
      )
        return null;
      // `customer_id`: a Stripe customer id links the user to it; null or absent means the user
      // has no customer (any earlier link is removed). Anything else is a host-app bug: refused
      // rather than guessed at, since guessing either way could show or hide someone's billing.
      const claim = payload.customer_id;
      if (claim !== undefined && claim !== null && !(typeof claim === 'string' && /^cus_\w{1,250}$/.test(claim)))
        return null;
      const customerId = claim ?? null;
      const claims: HostTokenClaims = {
        userId: payload.sub,
        email: payload.email,
        name: typeof payload.name === 'string' ? payload.name.slice(0, 200) : null,
        role: payload.role === 'support' ? 'support' : 'customer',
        customerId,
      };
      return { value: claims, expiresAtMs: payload.exp * 1000 };
    } catch {
      return null;
    }
  });
}
