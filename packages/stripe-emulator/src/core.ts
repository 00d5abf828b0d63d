import { EmulatorClock } from './clock.js';
import { EventOutbox, type EventListener } from './events.js';
import type { Includables } from './expand.js';
import { RequestPipeline, type ControlSettings, type RequestLogEntry } from './http/dispatch.js';
import { encodeForm, parseForm } from './http/form.js';
import { IdempotencyKeys } from './http/idempotency.js';
import { InternalEvents, type TimeSource } from './internal-events.js';
import type { RateLimitSettings } from './http/rate-limit.js';
import { errorResponse } from './http/request.js';
import { Router } from './http/router.js';
import type { WireRequest, WireResponse } from './http/wire.js';
import { SearchIndex } from './search-index.js';
import { Store, type StripeObject } from './store.js';
import { Transactions } from './transactions.js';

// Re-exported so that modules keep importing the wire types, settings and `errorResponse` from here.
export { API_VERSION, type WireRequest, type WireResponse } from './http/wire.js';
export type { ControlSettings, RequestLogEntry } from './http/dispatch.js';
export { errorResponse };

export interface CoreOptions {
  now?: () => number;
  latencyMs?: number;
  /** Stripe's rate limits; on by default (see `RateLimiter`). */
  rateLimit?: RateLimitSettings;
  /** How long a created or updated object stays invisible to `/search` (see `SearchIndexLag`). */
  searchLagMs?: number;
  /** How long a test clock stays `advancing` before its work runs and it is `ready` again. */
  testClockAdvanceMs?: number;
  /** Days before a renewal that `invoice.upcoming` is sent (Stripe's account setting; default 3). */
  upcomingRenewalDays?: number;
}

/** Stripe documents search as usually current within seconds (up to a minute under load). */
const DEFAULT_SEARCH_LAG_MS = 2000;
/** Stripe's advances take seconds; a short delay keeps the asynchrony without slowing tests. */
const DEFAULT_TEST_CLOCK_ADVANCE_MS = 200;

type RawHandler = (req: WireRequest, url: URL) => WireResponse | Promise<WireResponse> | null;
type StoreSnapshot = ReturnType<Store['snapshot']>;

/**
 * The emulator's state and the facade every resource works through: it wires the store, the
 * clock, the event outbox, transactions and the request pipeline together and delegates to them.
 * Resources register routes on `router`.
 */
export class Core {
  readonly store = new Store();
  /** Events live apart from the store so transactions stay cheap to snapshot. */
  readonly events = new Store();
  readonly router = new Router();
  readonly includables: Includables = new Map();
  /** How modules react to each other (see `InternalEventMap`); subscribed in `registerAll`. */
  readonly internal = new InternalEvents();
  /** Scheduled work `processTime` runs in time order, registered by the modules that own it. */
  readonly timeSources: TimeSource[] = [];
  /** Non-API handlers (control routes, hosted pages, Stripe.js), tried before `/v1`. */
  readonly rawHandlers: RawHandler[] = [];
  readonly requestLog: RequestLogEntry[] = [];
  readonly counters = new Map<string, number>();
  readonly control: ControlSettings;
  /** Stripe's asynchrony, emulated: search index lag and test clock advances (see `CoreOptions`). */
  readonly timing: { searchLagMs: number; testClockAdvanceMs: number; upcomingRenewalDays: number };
  /** What `/search` sees, `timing.searchLagMs` behind the store. */
  readonly searchIndex = new SearchIndex(() => this.timing.searchLagMs);
  /** The account's public business name: invoices carry it as `account_name`. */
  accountName = 'Billing Portal Demo';
  /** Base URL for hosted links (invoice PDFs, portal sessions), known once listening. */
  baseUrl = 'http://127.0.0.1:12111';

  private readonly clock: EmulatorClock;
  private readonly outbox: EventOutbox;
  private readonly transactions: Transactions;
  private readonly idempotency: IdempotencyKeys;
  private readonly pipeline: RequestPipeline;

  constructor(opts: CoreOptions = {}) {
    this.clock = new EmulatorClock(opts.now ?? Date.now, this.store);
    this.outbox = new EventOutbox(this.store, this.events, this.clock);
    this.transactions = new Transactions(this.store, this.outbox);
    this.idempotency = new IdempotencyKeys(() => this.nowMs());
    this.pipeline = new RequestPipeline(this, this.idempotency, this.outbox);
    this.outbox.onEvent((event) => this.searchIndex.record(event));
    this.timing = {
      searchLagMs: opts.searchLagMs ?? DEFAULT_SEARCH_LAG_MS,
      testClockAdvanceMs: opts.testClockAdvanceMs ?? DEFAULT_TEST_CLOCK_ADVANCE_MS,
      upcomingRenewalDays: opts.upcomingRenewalDays ?? 3,
    };
    this.control = {
      latency: { fixedMs: opts.latencyMs ?? 0, jitterMs: 0 },
      faults: { rate: 0, statuses: [500], dropRate: 0 },
      rateLimit: opts.rateLimit ?? { enabled: true },
    };
  }

  // Time (see EmulatorClock).

  /** Seconds added to the clock; the demo seed uses it to create history in the past. */
  get clockOffsetSeconds(): number {
    return this.clock.offsetSeconds;
  }
  set clockOffsetSeconds(seconds: number) {
    this.clock.offsetSeconds = seconds;
  }
  nowMs(): number {
    return this.clock.nowMs();
  }
  /** Unix seconds, Stripe's timestamp unit. */
  now(): number {
    return this.clock.now();
  }
  /** Time as seen by objects attached to a test clock (its frozen time), else the emulator clock. */
  nowFor(testClock: string | null | undefined): number {
    return this.clock.nowFor(testClock);
  }
  /** Runs `fn` as if it were `at` (unix seconds): used when replaying scheduled work in order. */
  atTime<T>(at: number, fn: () => T): T {
    return this.clock.atTime(at, fn);
  }

  // Events and transactions (see EventOutbox, Transactions).

  onEvent(listener: EventListener): void {
    this.outbox.onEvent(listener);
  }
  /**
   * Queues an event (`customer.created`…) with a snapshot of the object. Events become visible
   * and reach webhooks only when the request that caused them succeeds (see `transaction`).
   */
  emit(type: string, obj: StripeObject, previousAttributes?: Record<string, unknown>): StripeObject {
    return this.outbox.queue(type, obj, previousAttributes);
  }
  /** Publishes queued events: stores them and notifies listeners (webhook delivery). */
  flushEvents(): void {
    this.outbox.publish();
  }
  /** Runs `fn` so that it either applies fully (and publishes its events) or not at all. */
  transaction<T>(fn: () => T): T {
    return this.transactions.run(fn);
  }
  /** Marks the current request's changes as kept even though it ends in an error. */
  commitDespiteError(): void {
    this.transactions.keepDespiteError();
  }
  /** Runs `fn` against the store and always rolls back (invoice previews). */
  sandbox<T>(fn: () => T): T {
    return this.transactions.sandbox(fn);
  }

  // Requests.

  /** Answers a wire request: the entry point of both transports (node http and in-process SDK client). */
  dispatch(req: WireRequest): Promise<WireResponse> {
    return this.pipeline.dispatch(req);
  }

  /**
   * Runs an API call in-process, synchronously and without the wire extras (auth, latency,
   * faults, idempotency), for seeding and hosted pages. Params go through the same form
   * encoding as the SDK's, so validation is identical.
   */
  call(method: string, path: string, params: Record<string, unknown> = {}): StripeObject {
    const matched = this.router.match(method, path);
    if (!matched || 'methodMismatch' in matched) throw new Error(`No route for ${method} ${path}`);
    const body = parseForm(encodeForm(params));
    delete body.expand;
    const run = () =>
      matched.handler({ core: this, method, path, body, route: matched.route, headers: {} }) as StripeObject;
    return this.batching ? run() : this.transaction(run);
  }

  private batching = false;
  /**
   * Runs many `call`s as one transaction (all or nothing): each call then skips its own copy of
   * the store, which makes seeding hundreds of small writes (meter events) affordable.
   */
  batch<T>(fn: () => T): T {
    if (this.batching) return fn();
    this.batching = true;
    try {
      return this.transaction(fn);
    } finally {
      this.batching = false;
    }
  }

  // State.

  /** Everything needed to bring the emulator back after a restart (the CLI's `--state` file). */
  exportState(): { version: 1; clockOffsetSeconds: number; store: StoreSnapshot; events: StoreSnapshot } {
    return {
      version: 1,
      clockOffsetSeconds: this.clockOffsetSeconds,
      store: this.store.snapshot(),
      events: this.events.snapshot(),
    };
  }

  importState(state: {
    version: number;
    clockOffsetSeconds?: number;
    store: StoreSnapshot;
    events?: StoreSnapshot;
  }): void {
    if (state?.version !== 1 || !state.store) throw new Error('Unsupported emulator state file');
    this.resetRuntime();
    this.clockOffsetSeconds = state.clockOffsetSeconds ?? 0;
    this.store.restore(state.store);
    if (state.events) this.events.restore(state.events);
    this.searchIndex.indexAll(this.store);
  }

  resetRuntime(): void {
    this.store.clear();
    this.events.clear();
    this.clockOffsetSeconds = 0;
    this.outbox.clear();
    this.idempotency.clear();
    this.requestLog.length = 0;
    this.counters.clear();
    this.pipeline.resetLimits();
    this.searchIndex.clear();
  }
}
