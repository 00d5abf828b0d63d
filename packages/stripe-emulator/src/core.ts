import { StripeError, authenticationError, invalidRequest } from './errors.js';
import { applyExpand, type Includables } from './expand.js';
import { encodeForm, parseForm, type FormValue } from './http/form.js';
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

interface IdempotencyEntry {
  fingerprint: string;
  response: WireResponse;
  storedAt: number;
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
}

const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;

/** The emulator's state and request pipeline; resources register routes on `router`. */
export class Core {
  readonly store = new Store();
  /** Events live apart from the store so transactions stay cheap to snapshot. */
  readonly events = new Store();
  private readonly pendingEvents: StripeObject[] = [];
  /** Runs before every API request: moves real-clock subscriptions through renewals. */
  beforeRequest: Array<() => void> = [];
  readonly router = new Router();
  readonly includables: Includables = new Map();
  readonly requestLog: RequestLogEntry[] = [];
  readonly counters = new Map<string, number>();
  readonly control: ControlSettings;
  /** Non-API handlers (control routes, hosted pages, Stripe.js), tried before `/v1`. */
  readonly rawHandlers: RawHandler[] = [];
  private readonly idempotency = new Map<string, IdempotencyEntry>();
  private readonly listeners: EventListener[] = [];
  private readonly clock: () => number;
  /** Request id and idempotency key of the request being handled, for `event.request`. */
  private current: { id: string; idempotencyKey: string | null } | null = null;
  /** Base URL for hosted links (invoice PDFs, portal sessions), known once listening. */
  baseUrl = 'http://127.0.0.1:12111';

  constructor(opts: CoreOptions = {}) {
    this.clock = opts.now ?? Date.now;
    this.control = { latency: { fixedMs: opts.latencyMs ?? 0, jitterMs: 0 }, faults: { rate: 0, statuses: [500], dropRate: 0 } };
  }

  nowMs(): number {
    return this.clock();
  }

  /** Unix seconds, Stripe's timestamp unit. */
  now(): number {
    return Math.floor(this.clock() / 1000);
  }

  /** Time as seen by objects attached to a test clock (its frozen time), else the real clock. */
  nowFor(testClock: string | null | undefined): number {
    if (testClock) {
      const clock = this.store.get(testClock);
      if (clock && typeof clock.frozen_time === 'number') return clock.frozen_time;
    }
    return this.now();
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
      this.store.restore(snap);
      this.pendingEvents.splice(pending);
      throw e;
    }
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

  resetRuntime(): void {
    this.store.clear();
    this.events.clear();
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
    const { latency, faults } = this.control;
    const delay = latency.fixedMs + (latency.jitterMs > 0 ? Math.random() * latency.jitterMs : 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    const requestId = `req_${randomToken(14)}`;
    const idempotencyKey = req.headers['idempotency-key'] ?? null;
    let replayed = false;
    let res: WireResponse;
    if (faults.dropRate > 0 && Math.random() < faults.dropRate) {
      res = { status: 0, headers: {}, body: '', drop: true };
    } else if (faults.rate > 0 && Math.random() < faults.rate) {
      res = this.fault(faults.statuses[Math.floor(Math.random() * faults.statuses.length)] ?? 500);
    } else {
      const entry = idempotencyKey && req.method === 'POST' ? this.idempotency.get(`${req.headers.authorization ?? ''} ${idempotencyKey}`) : undefined;
      if (entry && entry.fingerprint !== `${req.method} ${url.pathname} ${req.body}`) {
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
          this.pruneIdempotency();
          this.idempotency.set(`${req.headers.authorization ?? ''} ${idempotencyKey}`, {
            fingerprint: `${req.method} ${url.pathname} ${req.body}`,
            response: res,
            storedAt: this.nowMs(),
          });
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

  private fault(status: number): WireResponse {
    const type = status === 429 ? 'rate_limit_error' : status === 409 ? 'invalid_request_error' : 'api_error';
    const code = status === 429 ? 'rate_limit' : status === 409 ? 'lock_timeout' : undefined;
    const message =
      status === 429
        ? 'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.'
        : status === 409
          ? 'This object cannot be accessed right now because another API request or Stripe process is currently accessing it.'
          : 'Something went wrong on our end. (injected fault)';
    const err = new StripeError(status, { type: type as 'api_error', message, ...(code ? { code } : {}) }, { 'stripe-should-retry': 'true' });
    const res = errorResponse(err);
    if (status === 429) res.headers['stripe-rate-limited-reason'] = 'global-rate';
    return res;
  }

  private pruneIdempotency(): void {
    const cutoff = this.nowMs() - IDEMPOTENCY_TTL_MS;
    for (const [k, v] of this.idempotency) if (v.storedAt < cutoff) this.idempotency.delete(k);
  }

  private handleApi(req: WireRequest, url: URL, requestId: string, idempotencyKey: string | null): WireResponse {
    try {
      const auth = req.headers.authorization;
      if (!auth) throw authenticationError('You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. \'Authorization: Bearer YOUR_SECRET_KEY\').');
      // Stripe takes the key as a Bearer token or as the Basic-auth user name (curl -u sk_test_x:).
      const basic = /^Basic (.+)$/.exec(auth);
      const key = basic ? Buffer.from(basic[1] ?? '', 'base64').toString('utf8').split(':')[0] : auth.replace(/^Bearer /, '');
      const m = /^(sk_test_[A-Za-z0-9_]+)$/.exec(basic || auth.startsWith('Bearer ') ? (key ?? '') : '');
      if (!m) throw authenticationError(`Invalid API Key provided: ${auth.replace(/^Bearer /, '').slice(0, 12)}****`);
      const matched = this.router.match(req.method, url.pathname);
      if (!matched || 'methodMismatch' in matched)
        throw new StripeError(404, {
          type: 'invalid_request_error',
          message: `Unrecognized request URL (${req.method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
        });
      const raw = req.method === 'POST' ? parseBody(req) : parseForm(url.search.slice(1));
      // `expand` is accepted by every endpoint; it is applied to the response, not the handler.
      const expand = takeExpand(raw);
      const ctx: RequestContext = { core: this, method: req.method, path: url.pathname, body: raw, route: matched.route, headers: req.headers };
      this.transaction(() => {
        for (const hook of this.beforeRequest) hook();
      });
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

function parseBody(req: WireRequest): Record<string, FormValue> {
  const type = req.headers['content-type'] ?? 'application/x-www-form-urlencoded';
  if (req.body && !type.includes('application/x-www-form-urlencoded'))
    throw invalidRequest(`Invalid request: unsupported Content-Type ${type}. If error persists and you need assistance, please contact support@stripe.com.`);
  return parseForm(req.body);
}

function takeExpand(raw: Record<string, FormValue>): string[] {
  const value = raw.expand;
  delete raw.expand;
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.map((v) => {
    if (typeof v !== 'string') throw invalidRequest('Invalid array', 'expand');
    return v;
  });
}

export function errorResponse(err: StripeError): WireResponse {
  return {
    status: err.status,
    headers: { 'content-type': 'application/json', ...err.headers },
    body: JSON.stringify(err.toJSON(), null, 2),
  };
}
