import type { Deps } from '@portal/api';
import { FailureCode } from '@portal/contract';
import { sql } from 'kysely';
import type { FastifyPluginAsync } from 'fastify';
import Stripe from 'stripe';
import { HttpFailure } from '../errors/http-failure';
import { sharedCheck } from './shared-check';

export interface ReadinessOptions {
  deps: Deps;
  /** How long one Stripe check answers for every probe (READINESS_STRIPE_INTERVAL_SECONDS). */
  stripeIntervalMs: number;
}

/**
 * `GET /readyz`: can this instance serve customers right now? The database answers `select 1`
 * and Stripe answers a cheap list call. The route is public and exempt from the per-IP limit (load
 * balancers poll it), so the Stripe check runs at most once per interval whatever the traffic;
 * the database check is local and shared only while one runs. A 503's message names what failed.
 */
export const readinessRoute: FastifyPluginAsync<ReadinessOptions> = async (app, { deps, stripeIntervalMs }) => {
  const logged = (name: string, check: () => Promise<unknown>) => () =>
    check().catch((error: unknown) => {
      app.log.warn({ err: error, check: name }, 'readiness check failed');
      throw error;
    });
  const checks: Record<string, () => Promise<boolean>> = {
    database: sharedCheck(
      logged('database', () => sql`select 1`.execute(deps.db)),
      { ttlMs: 0 },
    ),
    // No retries and a short timeout: a slow Stripe must not pile up probes.
    stripe: sharedCheck(
      // A 429 is Stripe answering: the account is busy, not unreachable, and the portal's own calls
      // retry it. Reporting it as down would take every instance out at the busiest moment.
      logged('stripe', () =>
        deps.stripe.customers.list({ limit: 1 }, { maxNetworkRetries: 0, timeout: 3000 }).catch((error: unknown) => {
          if (error instanceof Stripe.errors.StripeRateLimitError) return null;
          throw error;
        }),
      ),
      { ttlMs: stripeIntervalMs },
    ),
  };

  app.get('/readyz', async (_request, reply) => {
    const results = await Promise.all(
      Object.entries(checks).map(async ([name, check]) => [name, (await check()) ? 'ok' : 'failed'] as const),
    );
    const failed = results.filter(([, status]) => status === 'failed').map(([name]) => name);
    if (failed.length > 0) {
      throw new HttpFailure(FailureCode.serviceUnavailable, `Not ready: ${failed.join(', ')} failed.`, {
        headers: { 'cache-control': 'no-store' },
      });
    }
    return reply.header('cache-control', 'no-store').send({ ok: true, checks: Object.fromEntries(results) });
  });
};
