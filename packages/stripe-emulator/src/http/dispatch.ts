import type { Core } from '../core.js';
import { StripeError } from '../errors.js';
import type { EventOutbox } from '../events.js';
import { applyExpand } from '../expand.js';
import { randomToken } from '../ids.js';
import { faultResponse } from './faults.js';
import { RateLimiter, rateLimitError, type RateLimitSettings } from './rate-limit.js';
import {
  fingerprintOf,
  inFlightKeyOf,
  keyInUseError,
  keyReusedError,
  replayOf,
  type IdempotencyKeys,
} from './idempotency.js';
import { answerPublishable, publishableRequest } from '../stripe-js/publishable-api.js';
import { apiVersionError } from './api-versions.js';
import { apiKeyError, errorResponse, readParams } from './request.js';
import type { RequestContext } from './router.js';
import { API_VERSION, type WireRequest, type WireResponse } from './wire.js';

/** Knobs the control routes turn (`/_emulator/latency`, `/faults`, `/rate-limit`). */
export interface ControlSettings {
  latency: { fixedMs: number; jitterMs: number };
  faults: { rate: number; statuses: number[]; dropRate: number };
  /** Stripe's per-account read and write limits (see `RateLimiter`); on unless turned off. */
  rateLimit: RateLimitSettings;
}

/** One API request as `GET /_emulator/requests` lists it. */
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

const REQUEST_LOG_SIZE = 1000;

/**
 * Turns wire requests into answers. Raw handlers (control routes, hosted pages, Stripe.js) are
 * tried first; an API request then goes through idempotency, latency, rate limit and injected
 * faults before its endpoint runs, and every API answer gets Stripe's headers and is counted
 * and logged.
 */
export class RequestPipeline {
  private readonly limiter = new RateLimiter(() => this.core.control.rateLimit);

  constructor(
    private readonly core: Core,
    private readonly idempotency: IdempotencyKeys,
    /** Told which request is running, for `event.request`. */
    private readonly outbox: EventOutbox,
  ) {}

  async dispatch(req: WireRequest): Promise<WireResponse> {
    const url = new URL(req.url, 'http://emulator.local');
    for (const raw of this.core.rawHandlers) {
      const res = await raw(req, url);
      if (res) return res;
    }
    const started = Date.now();
    const inFlightKey = inFlightKeyOf(req);
    if (!inFlightKey) return this.dispatchApi(req, url, started);
    if (!this.idempotency.claim(inFlightKey)) return errorResponse(keyInUseError());
    try {
      return await this.dispatchApi(req, url, started);
    } finally {
      this.idempotency.release(inFlightKey);
    }
  }

  /** Refills every rate-limit bucket (emulator reset). */
  resetLimits(): void {
    this.limiter.clear();
  }

  private async dispatchApi(req: WireRequest, url: URL, started: number): Promise<WireResponse> {
    const { latency, faults } = this.core.control;
    const delay = latency.fixedMs + (latency.jitterMs > 0 ? Math.random() * latency.jitterMs : 0);
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    const requestId = `req_${randomToken(14)}`;
    const idempotencyKey = req.headers['idempotency-key'] ?? null;
    let replayed = false;
    let res: WireResponse;
    if (!this.limiter.admit(req.method, req.headers.authorization)) {
      res = errorResponse(rateLimitError());
    } else if (faults.dropRate > 0 && Math.random() < faults.dropRate) {
      res = { status: 0, headers: {}, body: '', drop: true };
    } else if (faults.rate > 0 && Math.random() < faults.rate) {
      res = faultResponse(faults.statuses[Math.floor(Math.random() * faults.statuses.length)] ?? 500);
    } else if (idempotencyKey && req.method === 'POST') {
      // Same key and parameters: the saved answer again; other parameters: 400; a new key: run and save.
      const scope = req.headers.authorization ?? '';
      const fingerprint = fingerprintOf(req, url.pathname);
      const saved = this.idempotency.lookup(scope, idempotencyKey);
      if (saved && saved.fingerprint !== fingerprint) {
        res = errorResponse(keyReusedError(idempotencyKey));
      } else if (saved) {
        replayed = true;
        res = replayOf(saved);
      } else {
        res = this.handleApi(req, url, requestId, idempotencyKey);
        this.idempotency.save(scope, idempotencyKey, fingerprint, res);
      }
    } else {
      res = this.handleApi(req, url, requestId, idempotencyKey);
    }
    res.headers['request-id'] = requestId;
    res.headers['stripe-version'] = req.headers['stripe-version'] ?? API_VERSION;
    if (idempotencyKey) res.headers['idempotency-key'] = idempotencyKey;
    const counterKey = `${req.method} ${this.core.router.normalise(url.pathname)}`;
    const { counters, requestLog } = this.core;
    counters.set(counterKey, (counters.get(counterKey) ?? 0) + 1);
    requestLog.push({
      id: requestId,
      method: req.method,
      path: url.pathname,
      status: res.status,
      at: this.core.nowMs(),
      durationMs: Date.now() - started,
      idempotencyKey,
      replayed,
    });
    if (requestLog.length > REQUEST_LOG_SIZE) requestLog.splice(0, requestLog.length - REQUEST_LOG_SIZE);
    return res;
  }

  /** Authenticates, routes and runs the endpoint; every failure becomes Stripe's error body. */
  private handleApi(req: WireRequest, url: URL, requestId: string, idempotencyKey: string | null): WireResponse {
    const { core } = this;
    try {
      // Stripe.js's calls carry the publishable key; everything else needs the secret key.
      const browserParams = publishableRequest(req, url);
      const authError = browserParams ? null : apiKeyError(req.headers.authorization);
      if (authError) throw authError;
      const version = req.headers['stripe-version'];
      const versionError = version === undefined ? null : apiVersionError(version);
      if (versionError) throw versionError;
      if (browserParams) {
        const result = core.transaction(() => answerPublishable(core, req, url, browserParams));
        return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result, null, 2) };
      }
      const matched = core.router.match(req.method, url.pathname);
      if (!matched || 'methodMismatch' in matched)
        throw new StripeError(404, {
          type: 'invalid_request_error',
          message: `Unrecognized request URL (${req.method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
        });
      const { raw, expand } = readParams(req, url, matched.pattern);
      const ctx: RequestContext = {
        core,
        method: req.method,
        path: url.pathname,
        body: raw,
        route: matched.route,
        headers: req.headers,
      };
      // Scheduled work (renewals, retries) runs first. It is not wrapped in a transaction: that
      // would snapshot the whole store on every read, and its handlers do not fail on bad input.
      core.internal.emit('request.received', undefined);
      core.flushEvents();
      this.outbox.cause = { id: requestId, idempotencyKey };
      let result: unknown;
      try {
        result = req.method === 'GET' ? matched.handler(ctx) : core.transaction(() => matched.handler(ctx));
        if (expand.length > 0) applyExpand(core.store, core.includables, result, expand);
      } finally {
        this.outbox.cause = null;
      }
      return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(result, null, 2) };
    } catch (e) {
      if (e instanceof StripeError) return errorResponse(e);
      console.error('[stripe-emulator] internal error', e);
      return errorResponse(
        new StripeError(500, { type: 'api_error', message: `Internal emulator error: ${(e as Error).message}` }),
      );
    }
  }
}
