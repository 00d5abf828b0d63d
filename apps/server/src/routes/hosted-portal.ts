import { createCaller, resolveViewer, type Deps } from '@portal/api';
import { HostedSessionInput } from '@portal/contract';
import { TRPCError } from '@trpc/server';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';

const Body = HostedSessionInput.pick({ returnUrl: true, configuration: true });

const STATUS: Partial<Record<TRPCError['code'], number>> = { BAD_REQUEST: 400, UNAUTHORIZED: 401, FORBIDDEN: 403, NOT_FOUND: 404 };

function fail(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ success: false, error: { code, message } });
}

/**
 * `POST /api/billing/portal`: the REST shape host apps already call to open Stripe's hosted
 * portal (Bearer token; `{ returnUrl, configuration? }` → `{ success, data: { url } }`). It runs
 * the same `billing.portal.hostedSession` procedure as the SPA, so the allow-list, the customer
 * link and the audit trail are one code path; only the envelope differs.
 */
export const hostedPortalRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  // Body-parser refusals (malformed JSON, `__proto__` keys, too large) keep this route's envelope.
  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      request.log.error({ err: error }, 'hosted portal route failed');
      return fail(reply, 500, 'INTERNAL_SERVER_ERROR', 'Something went wrong on our side. Please try again.');
    }
    return fail(reply, status, status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'BAD_REQUEST', error.message);
  });
  app.post('/api/billing/portal', async (request, reply) => {
    // Bearer only: this route is for host apps, and a cookie would make it CSRF-able.
    const identity = request.headers.authorization?.startsWith('Bearer ') ? await app.auth.identify(request) : null;
    if (!identity) return fail(reply, 401, 'UNAUTHORIZED', 'A valid Bearer token is required.');
    const body = Body.safeParse(request.body ?? {});
    if (!body.success) return fail(reply, 400, 'BAD_REQUEST', body.error.issues[0]?.message ?? 'Invalid request body.');
    const caller = createCaller({ ...deps, viewer: await resolveViewer(deps, identity) });
    try {
      // Each call opens a new session, so each gets its own key; retries inside the SDK reuse it.
      const { url } = await caller.billing.portal.hostedSession({ idempotencyKey: randomUUID(), ...body.data });
      return reply.send({ success: true, data: { url } });
    } catch (error) {
      const status = error instanceof TRPCError ? STATUS[error.code] : undefined;
      if (status && error instanceof TRPCError) return fail(reply, status, error.code, error.message);
      request.log.error({ err: error }, 'hosted portal session failed');
      return fail(reply, 500, 'INTERNAL_SERVER_ERROR', 'Something went wrong on our side. Please try again.');
    }
  });
};
