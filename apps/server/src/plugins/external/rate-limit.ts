import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';

export interface RateLimitStoreOptions {
  windowSeconds: number;
  /** Counters live in Redis when set, so the limits hold across instances; else in this instance's memory. */
  redisUrl?: string | undefined;
}

/**
 * @fastify/rate-limit's counters, with no limit of its own (`global: false`): the app's limits are
 * `createRateLimit` checks in plugins/app/security.ts, since two of them apply to one request.
 */
export default fp<RateLimitStoreOptions>(
  async (app, opts) => {
    // Fail fast instead of queueing: a request must not wait on a Redis that is down.
    const redis = opts.redisUrl
      ? new Redis(opts.redisUrl, { connectTimeout: 500, maxRetriesPerRequest: 1 })
      : undefined;
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
  },
  { name: 'rate-limit-store' },
);
