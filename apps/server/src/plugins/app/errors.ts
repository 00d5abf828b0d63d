import { FailureCode } from '@portal/contract';
import type { FastifyError } from 'fastify';
import fp from 'fastify-plugin';
import { HttpFailure, kindOfStatus } from '../../errors/http-failure';

const INTERNAL_MESSAGE = 'Something went wrong on our side. Please try again.';

/**
 * The one way a non-tRPC route fails: every error thrown by a route or hook, and every refusal of
 * Fastify itself (malformed JSON, body too large, wrong content type), answers
 * `{ success: false, error: { code, message } }`. tRPC answers its own shape before this runs.
 * Registered first, at the root, so every route below inherits it.
 */
export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError | HttpFailure, request, reply) => {
      if (error instanceof HttpFailure) return reply.code(error.statusCode).headers(error.headers).send(error.body);
      const status =
        error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) {
        // Unexpected: logged whole here, never sent (no stack or internals on the wire).
        request.log.error({ err: error }, 'request failed');
        return reply.code(500).send(new HttpFailure(FailureCode.internal, INTERNAL_MESSAGE).body);
      }
      return reply.code(status).send(new HttpFailure(kindOfStatus(status), error.message).body);
    });
    // A path no route answers (the SPA's page fallback is a route of its own, plugins/spa.ts).
    app.setNotFoundHandler(() => {
      throw new HttpFailure(FailureCode.notFound, 'Nothing is here.');
    });
  },
  { name: 'errors' },
);
