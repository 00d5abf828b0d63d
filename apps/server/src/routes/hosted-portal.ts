import { createCaller, resolveViewer, type Deps } from '@portal/api';
import { FailureCode, HostedSessionInput } from '@portal/contract';
import { TRPCError } from '@trpc/server';
import type { FastifyPluginAsync } from 'fastify';
import { randomUUID } from 'node:crypto';
import { HttpFailure } from '../errors/http-failure';

const Body = HostedSessionInput.pick({ returnUrl: true, configuration: true });

/** The procedure's refusals a host app can act on keep their tRPC code; anything else is internal. */
const PASSED_ON: ReadonlySet<string> = new Set([
  FailureCode.badRequest,
  FailureCode.unauthorized,
  FailureCode.forbidden,
  FailureCode.notFound,
]);

/**
 * `POST /api/billing/portal`: the REST shape host apps already call to open Stripe's hosted
 * portal (Bearer token; `{ returnUrl, configuration? }` → `{ success, data: { url } }`). It runs
 * the same `billing.portal.hostedSession` procedure as the SPA, so the allow-list, the customer
 * link and the audit trail are one code path; only the envelope differs.
 */
export const hostedPortalRoutes: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  app.post('/api/billing/portal', async (request, reply) => {
    // Bearer only: this route is for host apps, and a cookie would make it CSRF-able.
    const identity = request.headers.authorization?.startsWith('Bearer ') ? await app.auth.identify(request) : null;
    if (!identity) throw new HttpFailure(FailureCode.unauthorized, 'A valid Bearer token is required.');
    const body = Body.safeParse(request.body ?? {});
    if (!body.success)
      throw new HttpFailure(FailureCode.badRequest, body.error.issues[0]?.message ?? 'Invalid request body.');
    const caller = createCaller({ ...deps, viewer: await resolveViewer(deps, identity) });
    try {
      // Each call opens a new session, so each gets its own key; retries inside the SDK reuse it.
      const { url } = await caller.billing.portal.hostedSession({ idempotencyKey: randomUUID(), ...body.data });
      return reply.send({ success: true, data: { url } });
    } catch (error) {
      // Everything else reaches the app's error handler, which logs it and answers a plain 500.
      if (error instanceof TRPCError && PASSED_ON.has(error.code))
        throw new HttpFailure(error.code as FailureCode, error.message);
      throw error;
    }
  });
};
