import { StripeError } from './errors.js';
import { applyExpand, type Includables } from './expand.js';
import { faultResponse } from './http/faults.js';
import { encodeForm, parseForm } from './http/form.js';
import { IdempotencyStore } from './http/idempotency.js';
import { apiKeyError, errorResponse, readParams } from './http/request.js';
import { Router, type RequestContext } from './http/router.js';
import { newId, randomToken } from './ids.js';
import { Store, type StripeObject } from './store.js';

export const API_VERSION = '2026-10-28.endive';

export interface WireRequest {
  method: string;
  /** Path plus query string. */
  url: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
  /** Set by fault injection: the transport should drop the connection instead of answering. */
  drop?: boolean;
}

export interface CoreOptions {
  now?: () => number;
  latencyMs?: number;
}

export interface RequestLogEntry {
  id: string;
  method: string;
  path: string;
  status: number;
  at: number;
  durationMs: number;
  idempotencyKey: string | null;
  replayed: boolean;
}

type EventListener = (event: StripeObject) => void;
type RawHandler = (req: WireRequest, url: URL) => WireResponse | Promise<WireResponse> | null;

export interface ControlSettings {
  latency: { fixedMs: number; jitterMs: number };
  faults: { rate: number; statuses: number[]; dropRate: number };
  /** Requests per second before answering 429, like Stripe's limits (25/s test, 100/s live); 0 = off. */
  rateLimit: { perSecond: number };
}

/** The emulator's state and request pipeline; resources register routes on `router`. */
export class Core {
  readonly store = new Store();
  /** Events live apart from the store so transactions stay cheap to snapshot. */
  readonly events = new Store();
  private readonly pendingEvents: StripeObject[] = [];
  private keepOnError = false;
  /** Runs before every API request: moves real-clock subscriptions through renewals. */
  beforeRequest: Array<() => void> = [];
  readonly router = new Router();
  readonly includables: Includables = new Map();
  readonly requestLog: RequestLogEntry[] = [];
  readonly counters = new Map<string, number>();
  readonly control: ControlSettings;
  /** Non-API handlers (control routes, hosted pages, Stripe.js), tried before `/v1`. */
  readonly rawHandlers: RawHandler[] = [];
  private readonly idempotency: IdempotencyStore;
  private readonly listeners: EventListener[] = [];
  private readonly clock: () => number;
  /** Request id and idempotency key of the request being handled, for `event.request`. */
  private current: { id: string; idempotencyKey: string | null } | null = null;
  /** Base URL for hosted links (invoice PDFs, portal sessions), known once listening. */
  baseUrl = 'http://127.0.0.1:12111';

  constructor(opts: CoreOptions = {}) {
    this.clock = opts.now ?? Date.now;
    this.idempotency = new IdempotencyStore(() => this.nowMs());
    this.control = { latency: { fixedMs: opts.latencyMs ?? 0, jitterMs: 0 }, faults: { rate: 0, statuses: [500], dropRate: 0 }, rateLimit: { perSecond: 0 } };
  }

  /** Seconds added to the clock; the demo seed uses it to create history in the past. */
  clockOffsetSeconds = 0;

  nowMs(): number {
    return this.clock() + this.clockOffsetSeconds * 1000;
  }

  /** Unix seconds, Stripe's timestamp unit. */
  now(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  /** Time as seen by objects attached to a test clock (its frozen time), else the real clock. */
  nowFor(testClock: string | null | undefined): number {
    if (this.timeOverride !== null) return this.timeOverride;
    if (testClock) {
      const clock = this.store.get(testClock);
      if (clock && typeof clock.frozen_time === 'number') return clock.frozen_time;
    }
    return this.now();
  }

  private timeOverride: number | null = null;

  /** Runs `fn` as if it were `at` (unix seconds): used when replaying scheduled work in order. */
  atTime<T>(at: number, fn: () => T): T {
    const saved = this.timeOverride;
    this.timeOverride = at;
    try {
      return fn();
    } finally {
      this.timeOverride = saved;
    }
  }

  /** Set by the subscriptions module; customers.del needs it without importing that module. */
  cancelSubscription?: (sub: StripeObject, opts: { invoiceNow: boolean; prorate: boolean }) => void;

  onEvent(listener: EventListener): void {
    this.listeners.push(listener);
  }

  /**
   * Queues an event (`customer.created`…) with a snapshot of the object. Events become visible
   * and reach webhooks only when the request that caused them succeeds (see `transaction`).
   */
  emit(type: string, obj: StripeObject, previousAttributes?: Record<string, unknown>): StripeObject {
    const event: StripeObject = {
      id: newId('evt'),
      object: 'event',
      api_version: API_VERSION,
      created: this.nowFor(typeof obj.test_clock === 'string' ? obj.test_clock : null),
      data: {
        object: this.store.render(obj),
        ...(previousAttributes && Object.keys(previousAttributes).length > 0 ? { previous_attributes: previousAttributes } : {}),
      },
      livemode: false,
      pending_webhooks: 0,
      request: { id: this.current?.id ?? null, idempotency_key: this.current?.idempotencyKey ?? null },
      type,
    };
    this.pendingEvents.push(event);
    return event;
  }

  /** Publishes queued events: stores them and notifies listeners (webhook delivery). */
  flushEvents(): void {
    const events = this.pendingEvents.splice(0);
    for (const e of events) {
      this.events.put(e);
      for (const l of this.listeners) l(e);
    }
  }

  /**
   * Runs `fn` so that it either applies fully or not at all: on a throw the store is restored
   * and queued events are dropped, so bad input never leaves a half-applied change.
   */
  transaction<T>(fn: () => T): T {
    const snap = this.store.snapshot();
    const pending = this.pendingEvents.length;
    try {
      const out = fn();
      this.flushEvents();
      return out;
    } catch (e) {
      if (this.keepOnError) {
        // A failed charge is still a recorded attempt (attempt_count, payment_failed event).
        this.keepOnError = false;
        this.flushEvents();
        throw e;
      }
      this.store.restore(snap);
      this.pendingEvents.splice(pending);
      throw e;
    }
  }

  /** Marks the current request's changes as kept even though it ends in an error. */
  commitDespiteError(): void {
    this.keepOnError = true;
  }

  /**
   * Runs `fn` against the store and always rolls back: used by previews, which compute what an
   * update would do by doing it, so a preview can never disagree with the real change.
   */
  sandbox<T>(fn: () => T): T {
    const snap = this.store.snapshot();
    const pending = this.pendingEvents.length;
    try {
      return fn();
    } finally {
      this.store.restore(snap);
      this.pendingEvents.splice(pending);
    }
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
    return this.transaction(() => matched.handler({ core: this, method, path, body, route: matched.route, headers: {} }) as StripeObject);
  }

  /** Everything needed to bring the emulator back after a restart (the CLI's `--state` file). */
  exportState(): { version: 1; clockOffsetSeconds: number; store: ReturnType<Store['snapshot']>; events: ReturnType<Store['snapshot']> } {
    return { version: 1, clockOffsetSeconds: this.clockOffsetSeconds, store: this.store.snapshot(), events: this.events.snapshot() };
  }

  importState(state: { version: number; clockOffsetSeconds?: number; store: ReturnType<Store['snapshot']>; events?: ReturnType<Store['snapshot']> }): void {
    if (state?.version !== 1 || !state.store) throw new Error('Unsupported emulator state file');
    this.resetRuntime();
    this.clockOffsetSeconds = state.clockOffsetSeconds ?? 0;
    this.store.restore(state.store);
    if (state.events) this.events.restore(state.events);
  }

  resetRuntime(): void {
    this.store.clear();
    this.events.clear();
    this.clockOffsetSeconds = 0;
    this.pendingEvents.length = 0;
    this.idempotency.clear();
    this.requestLog.length = 0;
    this.counters.clear();
  }

  async dispatch(req: WireRequest): Promise<WireResponse> {
    const url = new URL(req.url, 'http://emulator.local');
    for (const raw of this.rawHandlers) {
      const res = await raw(req, url);
      if (res) return res;
    }
    const started = Date.now();
    const inflightKey = req.method === 'POST' && req.headers['idempotency-key'] ? `${req.headers.authorization ?? ''} ${req.headers['idempotency-key']}` : null;
    if (inflightKey && this.inflight.has(inflightKey)) {
      // Stripe answers a concurrent request with the same key with a retryable 409.
      return errorResponse(
        new StripeError(
          409,
          { type: 'idempotency_error', code: 'idempotency_key_in_use', message: 'There is currently another in-progress request using this Stripe-Idempotency-Key. Please try again later.' },
          { 'stripe-should-retry': 'true' },
        ),
      );
    }
    if (inflightKey) this.inflight.add(inflightKey);
    try {
      return await this.dispatchApi(req, url, started);
    } finally {
      if (inflightKey) this.inflight.delete(inflightKey);
    }
  }

  private readonly inflight = new Set<string>();

  private async dispatchApi(req: WireRequest, url: URL, started: number): Promise<WireResponse> {
    const { latency, faults } = this.control;
    const delay = latency.fixedMs + (latency.jitterMs > 0 ? Math.random() * latency.jitterMs : 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    const requestId = `req_${randomToken(14)}`;
    const idempotencyKey = req.headers['idempotency-key'] ?? null;
    let replayed = false;
    let res: WireResponse;
    if (this.rateLimited()) {
      res = errorResponse(
        new StripeError(429, { type: 'invalid_request_error', code: 'rate_limit', message: 'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.' }, { 'stripe-rate-limited-reason': 'global-rate' }),
      );
    } else if (faults.dropRate > 0 && Math.random() < faults.dropRate) {
      res = { status: 0, headers: {}, body: '', drop: true };
    } else if (faults.rate > 0 && Math.random() < faults.rate) {
      res = faultResponse(faults.statuses[Math.floor(Math.random() * faults.statuses.length)] ?? 500);
    } else {
      const scope = req.headers.authorization ?? '';
      const fingerprint = `${req.method} ${url.pathname} ${req.body}`;
      const entry = idempotencyKey && req.method === 'POST' ? this.idempotency.lookup(scope, idempotencyKey) : undefined;
      if (entry && entry.fingerprint !== fingerprint) {
        res = errorResponse(
          new StripeError(400, {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          }),
        );
      } else if (entry) {
        replayed = true;
        res = { ...entry.response, headers: { ...entry.response.headers, 'idempotent-replayed': 'true' } };
      } else {
        res = this.handleApi(req, url, requestId, idempotencyKey);
        // Validation failures are not stored (Stripe only saves results once an endpoint ran).
        if (idempotencyKey && req.method === 'POST' && res.status !== 400 && res.status !== 401) {
          this.idempotency.save(scope, idempotencyKey, fingerprint, res);
        }
      }
    }
    res.headers['request-id'] = requestId;
    res.headers['stripe-version'] = req.headers['stripe-version'] ?? API_VERSION;
    if (idempotencyKey) res.headers['idempotency-key'] = idempotencyKey;
    const counterKey = `${req.method} ${this.router.normalise(url.pathname)}`;
    this.counters.set(counterKey, (this.counters.get(counterKey) ?? 0) + 1);
    this.requestLog.push({
      id: requestId,
      method: req.method,
      path: url.pathname,
      status: res.status,
      at: this.nowMs(),
      durationMs: Date.now() - started,
      idempotencyKey,
      replayed,
    });
    if (this.requestLog.length > 1000) this.requestLog.splice(0, this.requestLog.length - 1000);
    return res;
  }

  private window = { second: 0, count: 0 };

  /** A fixed one-second window on the real clock. */
  private rateLimited(): boolean {
    const limit = this.control.rateLimit.perSecond;
    if (limit <= 0) return false;
    const second = Math.floor(Date.now() / 1000);
    if (second !== this.window.second) this.window = { second, count: 0 };
    this.window.count++;
    return this.window.count > limit;
  }

  private handleApi(req: WireRequest, url: URL, requestId: string, idempotencyKey: string | null): WireResponse {
    try {
      const authError = apiKeyError(req.headers.authorization);
      if (authError) throw authError;
      const matched = this.router.match(req.method, url.pathname);
      if (!matched || 'methodMismatch' in matched)
        throw new StripeError(404, {
          type: 'invalid_request_error',
          message: `Unrecognized request URL (${req.method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
        });
      const { raw, expand } = readParams(req, url, matched.pattern);
      const ctx: RequestContext = { core: this, method: req.method, path: url.pathname, body: raw, route: matched.route, headers: req.headers };
      // Scheduled work (renewals, retries) runs first. It is not wrapped in a transaction: that
      // would snapshot the whole store on every read, and these hooks do not fail on bad input.
      for (const hook of this.beforeRequest) hook();
      this.flushEvents();
      this.current = { id: requestId, idempotencyKey };
      let result: unknown;
      try {
        result = req.method === 'GET' ? matched.handler(ctx) : this.transaction(() => matched.handler(ctx));
        if (expand.length > 0) applyExpand(this.store, this.includables, result, expand);
      } finally {
        this.current = null;
      }
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result, null, 2) };
    } catch (e) {
      if (e instanceof StripeError) return errorResponse(e);
      console.error('[stripe-emulator] internal error', e);
      return errorResponse(new StripeError(500, { type: 'api_error', message: `Internal emulator error: ${(e as Error).message}` }));
    }
  }
}

// Re-exported for modules that build their own error answers.
export { errorResponse };
