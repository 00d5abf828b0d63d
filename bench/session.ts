import { DEMO } from '@portal/stripe-emulator';
import { SignJWT } from 'jose';
import { TOKEN_SECRET } from './portal-process';

/** Ada: the demo customer with an active Pro subscription and a card, as seeded in embedded mode. */
export const DEMO_ACCOUNT = { email: 'ada@example.com', password: 'demo', customerId: DEMO.customers.active };

/** A portal session cookie for the demo customer, from the embedded demo login. */
export async function demoCookie(portalUrl: string): Promise<string> {
  const res = await fetch(`${portalUrl}/auth/demo/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`demo login failed: ${res.status}`);
  return cookie;
}

/** A host-app token linking a fresh user to `customerId` (how an embedding app signs its users in). */
export function hostToken(userId: string, customerId: string): Promise<string> {
  return new SignJWT({ email: `${userId}@bench.example`, customer_id: customerId, role: 'customer' })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setExpirationTime('30m')
    .sign(new TextEncoder().encode(TOKEN_SECRET));
}

/** The overview exactly as the SPA's batching link requests it (a batch of one, no input). */
export const OVERVIEW_PATH = `/trpc/billing.overview?batch=1&input=${encodeURIComponent('{}')}`;

export async function getOverview(portalUrl: string, headers: Record<string, string>): Promise<unknown> {
  const res = await fetch(`${portalUrl}${OVERVIEW_PATH}`, { headers });
  const body = await res.text();
  if (!res.ok) throw new Error(`overview answered ${res.status}: ${body.slice(0, 200)}`);
  return body;
}
