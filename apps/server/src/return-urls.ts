import type { Env } from './env';

/**
 * Where a hosted-portal session may send the customer back to: RETURN_URL_ALLOWLIST, plus the
 * portal's own PUBLIC_URL, plus this server on localhost in embedded mode (the demo's "Open Stripe
 * portal" button must work out of the box).
 */
export function returnUrlAllowlist(env: Env): string[] {
  const list = [...env.RETURN_URL_ALLOWLIST];
  if (env.PUBLIC_URL) list.push(new URL(env.PUBLIC_URL).origin);
  if (env.mode === 'embedded') list.push(`http://localhost:${env.PORT}`, `http://127.0.0.1:${env.PORT}`);
  return list;
}
