import Stripe from 'stripe';
import type { PortalServer } from './portal-server';

/** The official SDK pointed at the portal's embedded emulator, to check what really happened in "Stripe". */
export function stripeBehind(server: PortalServer): Stripe {
  const match = /embedded emulator at (http:\/\/[\d.]+:\d+)/.exec(server.output());
  if (!match?.[1]) throw new Error(`no emulator URL in the server output:\n${server.output()}`);
  const url = new URL(match[1]);
  return new Stripe('sk_test_e2e_checks', { host: url.hostname, port: url.port, protocol: 'http' });
}
