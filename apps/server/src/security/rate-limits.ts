import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';

export interface RateLimitOptions {
  perIp: number;
  perUser: number;
  windowSeconds: number;
  /** Counters live in Redis when set, so the limits hold across instances; else in this instance's memory. */
  redisUrl?: string | undefined;
}

/** Paths exempt from the per-IP limit: Stripe delivers webhooks in bursts from a few IPs, and probes poll. */
const UNLIMITED = /^\/(webhooks\/stripe|healthz|readyz)(\?|$)/;

function tooMany(reply: FastifyReply, scope: 'ip' | 'user', retryAfterSeconds: number) {
  return reply
    .code(429)
    .header('retry-after', String(retryAfterSeconds))
    .send({
      success: false,
      error: { code: 'TOO_MANY_REQUESTS', message: `Too many requests from this ${scope === 'ip' ? 'address' : 'account'}. Please wait ${retryAfterSeconds} s and try again.` },
    });
}

/**
 * Fixed-window limits per client address and per verified user (so one account cannot spread its
 * load over many addresses), counted by @fastify/rate-limit. Two limits apply to one request, so
 * each is a `createRateLimit` check (its documented use for tRPC) rather than the plugin's route
 * hook, which runs once per request.
 */
export async function registerRateLimits(app: FastifyInstance, opts: RateLimitOptions) {
  // Fail fast instead of queueing: a request must not wait on a Redis that is down.
  const redis = opts.redisUrl ? new Redis(opts.redisUrl, { connectTimeout: 500, maxRetriesPerRequest: 1 }) : undefined;
  if (redis) app.addHook('onClose', async () => void (await redis.quit()));
  await app.register(rateLimit, {
    global: false,
    timeWindow: opts.windowSeconds * 1000,
    // Without Redis the limits count in memory, bounded (an attacker able to churn this many
    // addresses could not be limited per address anyway).
    ...(redis ? { redis, nameSpace: 'portal:rate-limit:' } : { cache: 100_000 }),
    // With Redis unreachable the portal keeps answering, unlimited, rather than failing every request.
    skipOnError: true,
  });
  const perIp = app.createRateLimit({ max: opts.perIp, keyGenerator: (request) => `ip:${request.ip}` });
  const perUser = app.createRateLimit({ max: opts.perUser, keyGenerator: async (request) => `user:${(await app.auth.identify(request))?.userId}` });

  return async function limit(request: FastifyRequest, reply: FastifyReply) {
    if (UNLIMITED.test(request.url)) return;
    const byIp = await perIp(request);
    if (!byIp.isAllowed && byIp.isExceeded) return tooMany(reply, 'ip', Math.max(1, byIp.ttlInSeconds));
    if (!(await app.auth.identify(request))) return;
    const byUser = await perUser(request);
    if (!byUser.isAllowed && byUser.isExceeded) return tooMany(reply, 'user', Math.max(1, byUser.ttlInSeconds));
  };
}
