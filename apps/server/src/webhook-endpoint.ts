import type { Logger } from '@portal/api';
import type Stripe from 'stripe';

/**
 * Embedded mode: tells the in-process emulator to deliver every event to this server, so the
 * webhook loop (hosted portal → event → SPA refresh) works offline. Returns the endpoint's signing
 * secret, or null when the emulator cannot register endpoints (the portal then works without
 * pushes; screens still refresh after the customer's own actions).
 */
export async function registerEmulatorEndpoint(stripe: Stripe, url: string, log: Logger): Promise<string | null> {
  try {
    const endpoint = await stripe.webhookEndpoints.create({ url, enabled_events: ['*'], description: 'billing portal (embedded)' });
    if (!endpoint.secret) throw new Error('the emulator returned no signing secret');
    log.info({ url }, 'webhook endpoint registered with the embedded Stripe emulator');
    return endpoint.secret;
  } catch (error) {
    log.warn({ err: error }, 'could not register a webhook endpoint with the embedded emulator; live updates are off');
    return null;
  }
}
