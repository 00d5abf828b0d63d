import {
  createCatalogCache,
  createChangeHub,
  createCustomerLinks,
  createEventsSweep,
  createMirror,
  relayedChanges,
  sharedCatalog,
  type Deps,
} from '@portal/api';
import { catalogMirrorRepo, stripeBudget } from '@portal/db';
import Fastify, { type FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seedDemoUsers, type DemoLogin } from './demo-seed';
import { DEMO_TOKEN_SECRET } from './demo-token';
import { syncRequestsPerSecond, type Env } from './env';
import authPlugin from './plugins/app/auth';
import dbPlugin from './plugins/app/db';
import errorsPlugin from './plugins/app/errors';
import securityPlugin from './plugins/app/security';
import corsPlugin from './plugins/external/cors';
import helmetPlugin from './plugins/external/helmet';
import rateLimitPlugin from './plugins/external/rate-limit';
import spaPlugin from './plugins/spa';
import { demoLoginRoutes, logoutRoute } from './routes/demo-login';
import { hostedPortalRoutes } from './routes/hosted-portal';
import { readinessRoute } from './routes/readiness';
import trpcRoutes from './routes/trpc';
import webhookRoutes from './routes/webhooks';
import { brandingWarnings } from './branding-check';
import { loadPortalConfig } from './portal-config';
import { returnUrlAllowlist } from './return-urls';
import { DebugRequestLogs } from './quiet-request-logs';
import { inlineScriptSources } from './security/inline-scripts';
import { errSerializer } from './security/log-redaction';
import { connectStripe, type StripeConnection } from './stripe-client';

export interface BuildOptions {
  env: Env;
  /** Tests may hand in a ready Stripe connection (e.g. the emulator behind the SDK's httpClient). */
  stripe?: StripeConnection;
  /** Keep the database in memory instead of under DATA_DIR (tests). */
  ephemeralDb?: boolean;
  /** Where log lines go instead of stdout (tests read them back to prove nothing leaks). */
  logStream?: { write(line: string): void };
  /** Human-readable log lines (pino-pretty) instead of JSON; main.ts asks for them in a terminal. */
  prettyLogs?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    portal: { mode: Env['mode']; demoLogins: DemoLogin[]; stripe: StripeConnection };
  }
}

const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

const defaultWebDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** The whole application as one Fastify instance; main.ts only parses env, listens and closes. */
export async function buildApp({
  env,
  stripe,
  ephemeralDb,
  logStream,
  prettyLogs = false,
}: BuildOptions): Promise<FastifyInstance> {
  const portalConfig = loadPortalConfig(env);
  const embedded = env.mode === 'embedded';
  const app = Fastify({
    logger:
      env.LOG_LEVEL === 'silent'
        ? false
        : {
            level: env.LOG_LEVEL,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["stripe-signature"]'],
            // Query strings stay out of the logs: an SSE connection may carry a host token there.
            serializers: {
              err: errSerializer,
              req: (req) => ({
                method: req.method,
                url: req.url.split('?')[0] ?? '/',
                hostname: req.hostname,
                remoteAddress: req.ip,
                remotePort: req.socket?.remotePort,
              }),
            },
            ...(logStream ? { stream: logStream } : {}),
            ...(prettyLogs && !logStream
              ? {
                  transport: {
                    target: 'pino-pretty',
                    options: { translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', singleLine: true },
                  },
                }
              : {}),
          },
    // With real Stripe, Fastify's info-level request logs stay; the demo logs them at debug.
    ...(embedded ? { logController: new DebugRequestLogs() } : {}),
    // A hop count as Fastify does it at run time (its types take only the function form).
    trustProxy: typeof env.TRUST_PROXY === 'number' ? trustHops(env.TRUST_PROXY) : env.TRUST_PROXY,
    bodyLimit: 256 * 1024,
  });
  for (const warning of brandingWarnings(portalConfig)) app.log.warn(warning);
  // First, at the root: every route registered below fails through its one handler.
  await app.register(errorsPlugin);
  const connection =
    stripe ??
    (await connectStripe(env, { persistState: !ephemeralDb, accountName: portalConfig.default.branding.businessName }));
  app.addHook('onClose', () => connection.close());

  if (env.CORS_ORIGINS.length > 0) await app.register(corsPlugin, { origins: env.CORS_ORIGINS });
  await app.register(dbPlugin, { databaseUrl: env.DATABASE_URL, dataDir: ephemeralDb ? null : env.DATA_DIR });
  const customerLinks = createCustomerLinks({ db: app.db });
  const webDist = path.resolve(env.WEB_DIST_DIR ?? defaultWebDist);
  const local =
    !env.PUBLIC_URL || env.PUBLIC_URL.startsWith('http://localhost') || env.PUBLIC_URL.startsWith('http://127.');
  await app.register(authPlugin, {
    // Embedded mode may run without a configured secret: sessions then last until a restart.
    sessionSecret: env.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    secureCookies: !local,
    customerLinks,
    sessionIdleMs: env.SESSION_IDLE_TIMEOUT_SECONDS * 1000,
    sessionLifetimeMs: env.SESSION_MAX_AGE_SECONDS * 1000,
    // Embedded mode (the emulator, never real Stripe) accepts tokens signed with the public demo
    // secret unless one is configured, so a host app can be tried from a fresh clone.
    hostToken: {
      secret: env.AUTH_TOKEN_SECRET ?? (embedded && !env.AUTH_JWKS_URL ? DEMO_TOKEN_SECRET : undefined),
      jwksUrl: env.AUTH_JWKS_URL,
      issuer: env.AUTH_ISSUER,
      audience: env.AUTH_AUDIENCE,
    },
  });
  await app.register(rateLimitPlugin, { windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS, redisUrl: env.REDIS_URL });
  await app.register(helmetPlugin, {
    stripeJsOrigin: connection.stripeJsUrl ? new URL(connection.stripeJsUrl).origin : null,
    https: env.PUBLIC_URL?.startsWith('https://') ?? false,
    inlineScripts: inlineScriptSources(path.join(webDist, 'index.html')),
  });
  await app.register(securityPlugin, {
    publicUrl: env.PUBLIC_URL,
    rateLimit: { perIp: env.RATE_LIMIT_PER_IP, perUser: env.RATE_LIMIT_PER_USER },
  });

  // Every instance on this database draws its background Stripe reads from one budget (issue 19).
  const budget = stripeBudget(app.db, { perSecond: syncRequestsPerSecond(env) });
  const catalog = await sharedCatalog(
    createCatalogCache(connection.stripe, { store: catalogMirrorRepo(app.db), budget }),
    app.dbNotifier,
    app.log,
  );
  app.addHook('onClose', () => catalog.close());
  const changes = await relayedChanges(createChangeHub(), app.dbNotifier, app.log);
  app.addHook('onClose', () => changes.close());
  // Before the server waits for its connections to end: open SSE streams end now, or they would
  // hold the shutdown open until the process is killed.
  app.addHook('preClose', async () => changes.drain());
  const mirror = createMirror(
    { stripe: connection.stripe, log: app.log },
    { db: app.db, log: app.log, budget, maxAgeMs: env.MIRROR_MAX_AGE_SECONDS * 1000 },
  );
  await mirror.start();
  // Before the database closes (hooks run in reverse order of registration): syncs in flight end first.
  app.addHook('onClose', () => mirror.close());
  const deps: Deps = {
    stripe: connection.stripe,
    db: app.db,
    locks: app.dbLocks,
    customerLinks,
    catalog,
    mirror,
    portalConfig,
    returnUrlAllowlist: returnUrlAllowlist(env),
    stripeJsUrl: connection.stripeJsUrl,
    changes,
    publishableKey: connection.publishableKey,
    now: () => new Date(),
    log: app.log,
    maxStreamsPerUser: env.SSE_STREAMS_PER_USER,
  };
  const sweep = createEventsSweep(deps, { everyMs: env.EVENTS_SWEEP_SECONDS * 1000, budget });
  app.addHook('onReady', async () => sweep.start());
  app.addHook('onClose', () => sweep.close());
  await app.register(trpcRoutes, { deps });
  await app.register(hostedPortalRoutes, { deps });

  const demoLogins = embedded ? await seedDemoUsers(app.db) : [];
  app.decorate('portal', { mode: env.mode, demoLogins, stripe: connection });
  if (embedded) await app.register(demoLoginRoutes, { accounts: demoLogins });
  await app.register(logoutRoute);
  app.get('/healthz', async () => ({ ok: true }));
  await app.register(readinessRoute, { deps, stripeIntervalMs: env.READINESS_STRIPE_INTERVAL_SECONDS * 1000 });
  await app.register(webhookRoutes, {
    deps,
    secret: env.STRIPE_WEBHOOK_SECRET,
    registerWithEmulator: embedded && connection.emulator !== null,
  });

  await app.register(spaPlugin, { distDir: webDist });
  return app;
}
