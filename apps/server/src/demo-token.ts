import { SignJWT } from 'jose';
import { demoAccount } from './demo-seed';

/**
 * Embedded mode's host-app token secret when AUTH_TOKEN_SECRET is unset, so the REST route and the
 * client package can be tried from a fresh clone (`pnpm run token <email>`). Public on purpose: embedded
 * mode runs only against the Stripe emulator; with a real Stripe key the server requires its own
 * AUTH_TOKEN_SECRET or AUTH_JWKS_URL and never accepts this one.
 */
export const DEMO_TOKEN_SECRET = 'embedded-demo-host-token-secret--not-for-production';

export interface DemoTokenOptions {
  email: string;
  /** Defaults to the demo secret; pass the server's AUTH_TOKEN_SECRET when it has one. */
  secret?: string | undefined;
  /** A Stripe customer to link; the demo logins' own customers are filled in. */
  customerId?: string | undefined;
  expiresIn?: string;
}

/** Signs a host-app token as a host backend would (HS256; sub, email, name, role, customer_id). */
export function mintHostToken({
  email,
  secret = DEMO_TOKEN_SECRET,
  customerId,
  expiresIn = '1h',
}: DemoTokenOptions): Promise<string> {
  const demo = demoAccount(email);
  const customer = customerId ?? demo?.customer;
  return new SignJWT({
    email,
    name: demo?.name ?? email,
    role: demo?.role ?? 'customer',
    ...(customer ? { customer_id: customer } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(demo?.id ?? `host:${email}`)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}
