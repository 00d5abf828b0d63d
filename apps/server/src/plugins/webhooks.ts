import { createEventProcessor, type Deps } from '@portal/api';
import type { FastifyPluginAsync } from 'fastify';
import { registerEmulatorEndpoint } from '../webhook-endpoint';

export interface WebhooksOptions {
  deps: Deps;
  /** STRIPE_WEBHOOK_SECRET; in embedded mode it may come from the emulator's endpoint instead. */
  secret: string | undefined;
  /** Embedded mode with the in-process emulator: register this server as its webhook endpoint. */
  registerWithEmulator: boolean;
}

/**
 * `POST /webhooks/stripe`, encapsulated (not wrapped in fastify-plugin) so its raw-body parser stays
 * in this scope: the signature is an HMAC over the exact bytes Stripe sent, which a JSON
 * round-trip would not preserve.
 */
const webhooks: FastifyPluginAsync<WebhooksOptions> = async (app, { deps, secret, registerWithEmulator }) => {
  let signingSecret = secret ?? null;
  // One per server: concurrent deliveries share its commits (group commit) and re-reads.
  const processor = createEventProcessor(deps);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_request, body, done) => done(null, body));

  app.post('/webhooks/stripe', async (request, reply) => {
    if (!signingSecret) return reply.code(503).send({ error: 'Webhooks are not configured on this server.' });
    const signature = request.headers['stripe-signature'];
    if (typeof signature !== 'string' || !Buffer.isBuffer(request.body)) {
      return reply.code(400).send({ error: 'Missing Stripe-Signature header or body.' });
    }
    let event;
    try {
      // Checks the HMAC and that the timestamp is within Stripe's 300 s tolerance (replays).
      event = deps.stripe.webhooks.constructEvent(request.body, signature, signingSecret);
    } catch {
      request.log.warn('webhook signature verification failed');
      return reply.code(400).send({ error: 'Invalid signature.' });
    }
    try {
      // The 2xx goes out only after the ledger and the effect are committed.
      const outcome = await processor.process(event);
      return { received: true, outcome };
    } catch (error) {
      // A non-2xx makes Stripe retry later; the ledger was not written, so the retry applies.
      request.log.error({ err: error, eventId: event.id, type: event.type }, 'webhook processing failed');
      return reply.code(500).send({ error: 'The event could not be processed; Stripe will retry.' });
    }
  });

  if (registerWithEmulator && !signingSecret) {
    app.addHook('onListen', async () => {
      const address = app.server.address();
      if (!address || typeof address === 'string') return;
      signingSecret = await registerEmulatorEndpoint(deps.stripe, `http://127.0.0.1:${address.port}/webhooks/stripe`, app.log);
    });
  }
};

export default webhooks;
