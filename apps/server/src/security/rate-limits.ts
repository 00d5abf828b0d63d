import { FailureCode } from '@portal/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpFailure } from '../errors/http-failure';

export interface RateLimitOptions {
  perIp: number;
  perUser: number;
}

/** Paths exempt from the per-IP limit: Stripe delivers webhooks in bursts from a few IPs, and probes poll. */
const UNLIMITED = /^\/(webhooks\/stripe|healthz|readyz)(\?|$)/;

function tooMany(scope: 'ip' | 'user', retryAfterSeconds: number): HttpFailure {
  const who = scope === 'ip' ? 'address' : 'account';
  return new HttpFailure(
    FailureCode.tooManyRequests,
    `Too many requests from this ${who}. Please wait ${retryAfterSeconds} s and try again.`,
    {
      headers: { 'retry-after': String(retryAfterSeconds) },
    },
  );
}

/**
 * Fixed-window limits per client address and per verified user (so one account cannot spread its
 * load over many addresses), counted by @fastify/rate-limit (plugins/external/rate-limit.ts). Two
 * limits apply to one request, so each is a `createRateLimit` check (its documented use for tRPC)
 * rather than the plugin's route hook, which runs once per request. A refusal is thrown: the app's
 * error handler answers it.
 */
export function rateLimits(app: FastifyInstance, opts: RateLimitOptions) {
  const perIp = app.createRateLimit({ max: opts.perIp, keyGenerator: (request) => `ip:${request.ip}` });
  const perUser = app.createRateLimit({
    max: opts.perUser,
    keyGenerator: async (request) => `user:${(await app.auth.identify(request))?.userId}`,
  });

  return async function limit(request: FastifyRequest) {
    if (UNLIMITED.test(request.url)) return;
    const byIp = await perIp(request);
    if (!byIp.isAllowed && byIp.isExceeded) throw tooMany('ip', Math.max(1, byIp.ttlInSeconds));
    if (!(await app.auth.identify(request))) return;
    const byUser = await perUser(request);
    if (!byUser.isAllowed && byUser.isExceeded) throw tooMany('user', Math.max(1, byUser.ttlInSeconds));
  };
}
