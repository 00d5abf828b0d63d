import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Stripe from 'stripe';
import { Core } from './core.js';
import { createHttpClient } from './http/http-client.js';
import { createNodeHandler } from './http/node-handler.js';
import { randomToken } from './ids.js';
import { controlHandler } from './control/routes.js';
import { registerHosted } from './hosted/index.js';
import { registerAll } from './resources/index.js';
import { seedDemo } from './seed/demo.js';
import { WebhookDispatcher } from './webhooks/delivery.js';

export interface EmulatorOptions {
  /** `demo` (default) seeds the demo catalog and customers; `none` starts empty. */
  seed?: 'demo' | 'none';
  /** Fixed delay added to every API request. */
  latencyMs?: number;
  /** Millisecond clock; defaults to `Date.now`. */
  now?: () => number;
  /**
   * Bearer token the `/_emulator/*` control routes require. Unset: a random one per emulator,
   * readable as `emulator.controlToken` by whoever created it in-process.
   */
  controlToken?: string;
  /**
   * Stripe's rate limits: 25 reads and 25 writes a second per test-mode key, 100 per live key.
   * On by default, as on Stripe; `false` turns them off (benchmarks), `{ perSecond }` sets both.
   */
  rateLimit?: boolean | { perSecond: number };
  /**
   * Milliseconds before a new or updated object shows in `customers/subscriptions/invoices.search`
   * (Stripe's search is eventually consistent). Default 2000; 0 makes search immediate.
   */
  searchLagMs?: number;
  /** Milliseconds a test clock stays `advancing` before its work runs (default 200). */
  testClockAdvanceMs?: number;
  /** Days before a renewal that `invoice.upcoming` is emitted (Stripe's account setting; default 3). */
  upcomingRenewalDays?: number;
  /**
   * The account's business name, printed on invoices and their PDFs (`account_name`), as Stripe
   * prints the account's public business name. A portal sets it to its own branding's name.
   */
  accountName?: string;
}

export interface RunningEmulator {
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

export interface Emulator {
  /** A plain node http handler. */
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Starts a server; port 0 picks a free one, host defaults to 127.0.0.1. */
  listen(opts?: { port?: number; host?: string }): Promise<RunningEmulator>;
  /** Plug into `new Stripe(key, { httpClient })` so tests need no port. */
  httpClient: Stripe.HttpClient;
  /** Clears all state, then re-applies the seed chosen at creation. */
  reset(): void;
  /** Seeds the demo data on top of the current state (used by reset and the control routes). */
  seed(kind: 'demo' | 'none'): void;
  /** The bearer token of the control routes (`Authorization: Bearer <controlToken>`). Never log it. */
  readonly controlToken: string;
  /** Internals, for advanced tests (time travel, inspecting the store). Not a stable API. */
  readonly core: Core;
}

export function createEmulator(opts: EmulatorOptions = {}): Emulator {
  const rateLimit =
    opts.rateLimit === undefined || opts.rateLimit === true
      ? { enabled: true }
      : opts.rateLimit === false
        ? { enabled: false }
        : { enabled: true, perSecond: opts.rateLimit.perSecond };
  const core = new Core({
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.latencyMs !== undefined ? { latencyMs: opts.latencyMs } : {}),
    ...(opts.searchLagMs !== undefined ? { searchLagMs: opts.searchLagMs } : {}),
    ...(opts.testClockAdvanceMs !== undefined ? { testClockAdvanceMs: opts.testClockAdvanceMs } : {}),
    ...(opts.upcomingRenewalDays !== undefined ? { upcomingRenewalDays: opts.upcomingRenewalDays } : {}),
    rateLimit,
  });
  if (opts.accountName) core.accountName = opts.accountName;
  const seedKind = opts.seed ?? 'demo';
  const applySeed = (kind: 'demo' | 'none') => {
    if (kind === 'demo') seedDemo(core);
    // Seeded objects stand for an account's history: already in the search index.
    core.searchIndex.indexAll(core.store);
  };
  registerAll(core);
  const webhooks = new WebhookDispatcher(core);
  const controlToken = opts.controlToken || randomToken(32);
  core.rawHandlers.push(
    controlHandler(core, { reset: () => emulator.reset(), seed: applySeed, webhooks, token: controlToken }),
  );
  registerHosted(core);
  const handle = createNodeHandler(core);
  const emulator: Emulator = {
    handle,
    httpClient: createHttpClient(core),
    controlToken,
    core,
    reset() {
      webhooks.cancelAll();
      core.resetRuntime();
      applySeed(seedKind);
    },
    seed: applySeed,
    listen({ port = 0, host = '127.0.0.1' } = {}) {
      const server = createServer(handle);
      return new Promise<RunningEmulator>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          const addr = server.address() as AddressInfo;
          const url = `http://${host.includes(':') ? `[${host}]` : host}:${addr.port}`;
          core.baseUrl = url;
          resolve({
            url,
            host,
            port: addr.port,
            close: () =>
              new Promise<void>((done) => {
                server.closeAllConnections();
                server.close(() => done());
              }),
          });
        });
      });
    },
  };
  applySeed(seedKind);
  return emulator;
}
