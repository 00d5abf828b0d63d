import { checkEventShape, createEventProcessor, type Deps } from '@portal/api';
import { FailureCode } from '@portal/contract';
import { auditRepo } from '@portal/db';
import type { FastifyPluginAsync } from 'fastify';
import { HttpFailure } from '../errors/http-failure';
import { registerEmulatorEndpoint } from '../webhook-endpoint';

export interface WebhooksOptions {
  deps: Deps;
  /** STRIPE_WEBHOOK_SECRET; in embedded mode it may come from the emulator's endpoint instead. */
  secret: string | undefined;
  /** Embedded mode with the in-process emulator: register this server as its webhook endpoint. */
  registerWithEmulator: boolean;
}

/** Stripe's own tolerance for old signatures, used for clock skew the other way too. */
const TOLERANCE_SECONDS = 300;

const signedAt = (header: string): number | null => {
  const match = /(?:^|,)\s*t=(\d{1,12})(?:,|$)/.exec(header);
  return match?.[1] ? Number(match[1]) : null;
};

/**
 * `POST /webhooks/stripe`, encapsulated (not wrapped in fastify-plugin) so its raw-body parser stays
 * in this scope: the signature is an HMAC over the exact bytes Stripe sent, which a JSON
 * round-trip would not preserve.
 *
 * Answers: 400 for a bad signature (no audit row: anybody can send one), 400 plus an audit row for
 * a signed event that is dated in the future or malformed (retrying cannot fix it, and a 5xx would
 * have Stripe retry it for three days), 500 only when applying a well-formed event failed here
 * (the database or Stripe is down): then a retry is what should happen.
 */
const webhooks: FastifyPluginAsync<WebhooksOptions> = async (app, { deps, secret, registerWithEmulator }) => {
  let signingSecret = secret ?? null;
  // One per server: concurrent deliveries share its commits (group commit) and re-reads.
  const processor = createEventProcessor(deps);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_request, body, done) =>
    done(null, body),
  );

  async function refuseSigned(reason: string, bytes: number): Promise<never> {
    await auditRepo(deps.db).record({
      actorUserId: null,
      actorRole: 'system',
      customerId: null,
      action: 'webhook:malformed',
      inputSummary: { reason, bytes },
      outcome: 'refused',
    });
    throw new HttpFailure(FailureCode.badRequest, `Malformed event: ${reason}`);
  }

  app.post('/webhooks/stripe', async (request) => {
    if (!signingSecret)
      throw new HttpFailure(FailureCode.serviceUnavailable, 'Webhooks are not configured on this server.');
    const signature = request.headers['stripe-signature'];
    if (typeof signature !== 'string' || !Buffer.isBuffer(request.body)) {
      throw new HttpFailure(FailureCode.badRequest, 'Missing Stripe-Signature header or body.');
    }
    const body = request.body;
    try {
      // The HMAC, and that the timestamp is at most 300 s old (replays); nothing is parsed yet.
      deps.stripe.webhooks.signature!.verifyHeader(body, signature, signingSecret, TOLERANCE_SECONDS);
    } catch {
      request.log.warn('webhook signature verification failed');
      throw new HttpFailure(FailureCode.badRequest, 'Invalid signature.');
    }
    // Stripe checks only the age: a timestamp from the future would stay "fresh" for as long.
    const at = signedAt(signature);
    if (at === null || at - Math.floor(deps.now().getTime() / 1000) > TOLERANCE_SECONDS) {
      request.log.warn('signed webhook dated in the future refused');
      return refuseSigned('signature timestamp is in the future', body.length);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return refuseSigned('body is not JSON', body.length);
    }
    const shape = checkEventShape(parsed);
    if (!shape.ok) {
      request.log.warn({ reason: shape.reason }, 'malformed signed webhook refused');
      return refuseSigned(shape.reason, body.length);
    }
    const event = shape.event;
    try {
      // The 2xx goes out only after the ledger and the effect are committed.
      const outcome = await processor.process(event);
      return { received: true, outcome };
    } catch (error) {
      // A non-2xx makes Stripe retry later; the ledger was not written, so the retry applies.
      request.log.error({ err: error, eventId: event.id, type: event.type }, 'webhook processing failed');
      throw new HttpFailure(FailureCode.internal, 'The event could not be processed; Stripe will retry.');
    }
  });

  if (registerWithEmulator && !signingSecret) {
    app.addHook('onListen', async () => {
      const address = app.server.address();
      if (!address || typeof address === 'string') return;
      signingSecret = await registerEmulatorEndpoint(
        deps.stripe,
        `http://127.0.0.1:${address.port}/webhooks/stripe`,
        app.log,
      );
    });
  }
};

export default webhooks;
