import { z } from 'zod';

/**
 * The only place that reads process.env (a lint rule enforces it). Everything is parsed once at
 * start; a bad value stops the server with every problem listed by variable name.
 */
const optionalString = z
  .string()
  .trim()
  .min(1)
  .optional()
  .or(z.literal('').transform(() => undefined));

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    PUBLIC_URL: z.url().optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })
      .optional(),
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_\w+$/, 'must look like sk_test_… or sk_live_…')
      .optional(),
    STRIPE_PUBLISHABLE_KEY: z
      .string()
      .regex(/^pk_(test|live)_\w+$/, 'must look like pk_test_…')
      .optional(),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_\w+$/, 'must look like whsec_…')
      .optional(),
    STRIPE_API_BASE: z.url().optional(),
    /** Bearer token of the embedded emulator's `/_emulator/*` control routes; random per start when unset. */
    STRIPE_EMULATOR_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    /**
     * Embedded emulator only (no STRIPE_SECRET_KEY nor STRIPE_API_BASE): Stripe's test-mode rate
     * limits (`on`, as on Stripe) or none (`off`, for benchmarks), and how long new or changed
     * objects take to show in search (Stripe's search is eventually consistent).
     */
    EMULATOR_RATE_LIMIT: z.enum(['on', 'off']).default('on'),
    EMULATOR_SEARCH_LAG_MS: z.coerce.number().int().min(0).max(600_000).default(2000),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    /** A portal session ends after this long without a request (Stripe's hosted portal: 1 hour)... */
    SESSION_IDLE_TIMEOUT_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 86_400)
      .default(3600),
    /** ...and this long after sign-in whatever the activity. */
    SESSION_MAX_AGE_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(30 * 86_400)
      .default(8 * 3600),
    AUTH_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    AUTH_JWKS_URL: z.url().optional(),
    AUTH_ISSUER: optionalString,
    AUTH_AUDIENCE: optionalString,
    RETURN_URL_ALLOWLIST: z
      .string()
      .default('')
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    /** Origins of host apps that call the API from the browser with their own token (CORS). */
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url({ error: 'must be a comma-separated list of origins like https://app.example.com' }))),
    /** Requests per client IP, and per signed-in user, in each RATE_LIMIT_WINDOW_SECONDS (429 beyond). */
    RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(3000),
    RATE_LIMIT_PER_USER: z.coerce.number().int().min(1).default(1200),
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    /** Redis for the rate-limit counters, shared by every instance; unset, each instance counts alone. */
    REDIS_URL: z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' }).optional(),
    /**
     * Which direct peers may name the client in X-Forwarded-For (the address the per-IP limit and the
     * logs use) and the host and protocol in X-Forwarded-Host/-Proto: `true` (any: only behind a
     * proxy that overwrites the headers), `false` (none), a hop count, or a comma-separated list of
     * addresses, CIDRs and `loopback`, `linklocal`, `uniquelocal`. The default trusts loopback only
     * (a proxy on the same machine): any other peer, on a private network too, is taken as the
     * client itself, so deployments name their proxy (e.g. `10.0.3.7` or `10.0.0.0/16`).
     */
    TRUST_PROXY: z
      .string()
      .trim()
      .default('loopback')
      .transform((value, ctx): boolean | number | string => {
        if (value === 'true' || value === 'false') return value === 'true';
        if (/^\d+$/.test(value)) return Number(value);
        const entries = value.split(',').map((x) => x.trim());
        if (entries.every((x) => /^(loopback|linklocal|uniquelocal|[\da-fA-F:.]+(\/\d{1,3})?)$/.test(x)))
          return entries.join(',');
        ctx.addIssue({
          code: 'custom',
          message:
            'must be true, false, a hop count, or a comma-separated list of addresses/CIDRs/loopback/linklocal/uniquelocal',
        });
        return z.NEVER;
      }),
    /** Open live-update streams (`billing.changes`, i.e. tabs) one user may hold on one instance. */
    SSE_STREAMS_PER_USER: z.coerce.number().int().min(1).max(100).default(5),
    /**
     * A customer's mirror older than this is re-read from Stripe in the background on their next
     * visit (the visit is still answered from the mirror). Webhooks keep it fresh before that.
     */
    MIRROR_MAX_AGE_SECONDS: z.coerce
      .number()
      .int()
      .min(10)
      .max(7 * 86_400)
      .default(3600),
    /**
     * Stripe requests per second that the mirror's syncs, catalog reads and the events sweep may
     * spend, shared by every instance on the database. Default: 20 with a test key (Stripe allows
     * 25), 80 with a live key (Stripe allows 100); the rest is headroom for customers' own changes.
     */
    STRIPE_SYNC_REQUESTS_PER_SECOND: z.coerce.number().min(1).max(1000).optional(),
    /** How often Stripe's event list is read to recover webhooks lost in transit. */
    EVENTS_SWEEP_SECONDS: z.coerce.number().int().min(5).max(86_400).default(300),
    /** `/readyz` asks Stripe at most once per this many seconds; every probe in between shares the answer. */
    READINESS_STRIPE_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(300).default(5),
    WEB_DIST_DIR: optionalString,
    PORTAL_CONFIG_FILE: optionalString,
  })
  .superRefine((env, ctx) => {
    const need = (name: keyof typeof env, why: string) => {
      if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: `is required ${why}` });
    };
    if (env.STRIPE_SECRET_KEY) {
      // With a real key the portal is live: webhooks and sessions must be verifiable.
      need('STRIPE_PUBLISHABLE_KEY', 'when STRIPE_SECRET_KEY is set');
      need('STRIPE_WEBHOOK_SECRET', 'when STRIPE_SECRET_KEY is set (webhooks must be verified)');
      need('SESSION_SECRET', 'when STRIPE_SECRET_KEY is set');
      if (!env.AUTH_TOKEN_SECRET && !env.AUTH_JWKS_URL) {
        ctx.addIssue({
          code: 'custom',
          path: ['AUTH_TOKEN_SECRET'],
          message: 'or AUTH_JWKS_URL is required when STRIPE_SECRET_KEY is set',
        });
      }
    }
  });

export type Env = z.infer<typeof EnvSchema> & { mode: 'embedded' | 'stripe' };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...result.data, mode: result.data.STRIPE_SECRET_KEY ? 'stripe' : 'embedded' };
}

/** Below Stripe's own limit (test mode 25/s, live 100/s), leaving room for customers' changes. */
export function syncRequestsPerSecond(env: Env): number {
  if (env.STRIPE_SYNC_REQUESTS_PER_SECOND) return env.STRIPE_SYNC_REQUESTS_PER_SECOND;
  return env.STRIPE_SECRET_KEY?.startsWith('sk_live_') ? 80 : 20;
}
