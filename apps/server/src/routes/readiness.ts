import type { Deps } from '@portal/api';
import { sql } from 'kysely';
import type { FastifyPluginAsync } from 'fastify';
import Stripe from 'stripe';

type Check = () => Promise<unknown>;

/**
 * `GET /readyz`: can this instance serve customers right now? The database answers `select 1`
 * and Stripe answers a cheap list call. 503 names what failed; the reason stays in the log.
 */
export const readinessRoute: FastifyPluginAsync<{ deps: Deps }> = async (app, { deps }) => {
  const checks: Record<string, Check> = {
    database: () => sql`select 1`.execute(deps.db),
    // No retries and a short timeout: a load balancer asks often and must not pile up requests.
    // A 429 is Stripe answering: the account is busy, not unreachable, and the portal's own calls
    // retry it. Reporting it as down would take every instance out at the busiest moment.
    stripe: () =>
      deps.stripe.customers.list({ limit: 1 }, { maxNetworkRetries: 0, timeout: 3000 }).catch((error: unknown) => {
        if (error instanceof Stripe.errors.StripeRateLimitError) return null;
        throw error;
      }),
  };

  app.get('/readyz', async (_request, reply) => {
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => {
        try {
          await check();
          return [name, 'ok'] as const;
        } catch (error) {
          app.log.warn({ err: error, check: name }, 'readiness check failed');
          return [name, 'failed'] as const;
        }
      }),
    );
    const ok = results.every(([, status]) => status === 'ok');
    return reply.code(ok ? 200 : 503).send({ ok, checks: Object.fromEntries(results) });
  });
};
