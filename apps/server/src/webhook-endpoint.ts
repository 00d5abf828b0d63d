import type { FastifyBaseLogger } from 'fastify';
import type Stripe from 'stripe';

/**
 * Embedded mode: tells the in-process emulator to deliver every event to this server, so the
 * webhook loop (hosted portal → event → SPA refresh) works offline. Returns the endpoint's signing
 * secret, or null when the emulator cannot register endpoints (the portal then works without
 * pushes; screens still refresh after the customer's own actions).
 */
const DESCRIPTION = 'billing portal (embedded)';

export async function registerEmulatorEndpoint(
  stripe: Stripe,
  url: string,
  log: FastifyBaseLogger,
): Promise<string | null> {
  try {
    // The emulator's state survives restarts (DATA_DIR): drop the endpoints of earlier runs, whose
    // ports are gone, or every event would also be retried against them.
    for await (const old of stripe.webhookEndpoints.list({ limit: 100 })) {
      if (old.description === DESCRIPTION) await stripe.webhookEndpoints.del(old.id);
    }
    const endpoint = await stripe.webhookEndpoints.create({ url, enabled_events: ['*'], description: DESCRIPTION });
    if (!endpoint.secret) throw new Error('the emulator returned no signing secret');
    // At debug: it happens on every start, after the banner, which already says the demo is ready.
    log.debug({ url }, 'webhook endpoint registered with the embedded Stripe emulator');
    return endpoint.secret;
  } catch (error) {
    log.warn({ err: error }, 'could not register a webhook endpoint with the embedded emulator; live updates are off');
    return null;
  }
}
