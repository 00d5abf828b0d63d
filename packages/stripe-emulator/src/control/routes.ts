import type { Core, WireRequest, WireResponse } from '../core.js';
import { processTime } from '../billing/timeline.js';
import { json, readBody } from '../hosted/html.js';
import type { WebhookDispatcher } from '../webhooks/delivery.js';
import { controlRefusal } from './guard.js';

export interface ControlDeps {
  reset(): void;
  seed(kind: 'demo' | 'none'): void;
  webhooks: WebhookDispatcher;
  /** The bearer token every control route requires (see `guard.ts`). */
  token: string;
}

const num = (v: unknown, fallback: number): number => {
  const n = Number(v);
  return v === undefined || v === '' || !Number.isFinite(n) ? fallback : n;
};

/**
 * Routes under `/_emulator/` for tests and benchmarks. The SDK never calls them; they take the
 * emulator's own bearer token instead of an API key, and fault injection and latency never apply.
 */
export function controlHandler(core: Core, deps: ControlDeps) {
  return (req: WireRequest, url: URL): WireResponse | null => {
    if (!url.pathname.startsWith('/_emulator/')) return null;
    const refusal = controlRefusal(req, deps.token);
    if (refusal) return refusal;
    const route = `${req.method} ${url.pathname.slice('/_emulator'.length)}`;
    const body = req.method === 'POST' ? readBody(req) : Object.fromEntries(url.searchParams);
    switch (route) {
      case 'GET /health':
        return json(200, { ok: true, now: core.now() });
      case 'POST /reset':
        deps.reset();
        return json(200, { ok: true });
      case 'POST /seed': {
        const kind = body.kind === 'none' ? 'none' : 'demo';
        core.resetRuntime();
        deps.webhooks.cancelAll();
        deps.seed(kind);
        return json(200, { ok: true, seed: kind });
      }
      case 'GET /latency':
        return json(200, core.control.latency);
      case 'POST /latency':
        core.control.latency = {
          fixedMs: Math.max(0, num(body.fixedMs, 0)),
          jitterMs: Math.max(0, num(body.jitterMs, 0)),
        };
        return json(200, core.control.latency);
      case 'GET /faults':
        return json(200, core.control.faults);
      case 'POST /faults': {
        const statuses = Array.isArray(body.statuses)
          ? body.statuses.map(Number)
          : typeof body.statuses === 'string'
            ? body.statuses.split(',').map(Number)
            : [500];
        const valid = statuses.filter((s: number) => [409, 429, 500, 502, 503].includes(s));
        core.control.faults = {
          rate: Math.min(1, Math.max(0, num(body.rate, 0))),
          statuses: valid.length > 0 ? valid : [500],
          dropRate: Math.min(1, Math.max(0, num(body.dropRate, 0))),
        };
        return json(200, core.control.faults);
      }
      case 'GET /rate-limit':
        return json(200, core.control.rateLimit);
      case 'POST /rate-limit': {
        // `perSecond: 0` or `enabled: false` turns limits off; without `perSecond`, Stripe's own (25/s test, 100/s live).
        const perSecond = body.perSecond === undefined ? undefined : Math.max(0, Math.floor(num(body.perSecond, 0)));
        const enabled = body.enabled !== false && body.enabled !== 'false' && perSecond !== 0;
        core.control.rateLimit = { enabled, ...(perSecond ? { perSecond } : {}) };
        return json(200, core.control.rateLimit);
      }
      case 'GET /requests': {
        const limit = num(body.limit, 100);
        return json(200, { data: core.requestLog.slice(-limit).reverse() });
      }
      case 'DELETE /requests':
        core.requestLog.length = 0;
        core.counters.clear();
        return json(200, { ok: true });
      case 'GET /counters':
        return json(200, Object.fromEntries([...core.counters].sort(([a], [b]) => a.localeCompare(b))));
      case 'GET /webhooks':
        return json(200, { settings: deps.webhooks.settings, deliveries: deps.webhooks.log.slice(-200).reverse() });
      case 'POST /webhooks':
        deps.webhooks.settings.retryBaseMs = Math.max(1, num(body.retryBaseMs, deps.webhooks.settings.retryBaseMs));
        deps.webhooks.settings.maxAttempts = Math.max(1, num(body.maxAttempts, deps.webhooks.settings.maxAttempts));
        return json(200, deps.webhooks.settings);
      case 'POST /time': {
        // Moves the emulator's own clock forward (objects not on a test clock renew, retry, end).
        core.clockOffsetSeconds += Math.max(0, num(body.advanceSeconds, 0));
        core.transaction(() => processTime(core, null));
        return json(200, { now: core.now(), offsetSeconds: core.clockOffsetSeconds });
      }
      case 'GET /state':
        return json(200, core.exportState());
      case 'POST /state':
        core.importState(body as never);
        return json(200, { ok: true });
      default:
        return json(404, { error: { type: 'invalid_request_error', message: `Unknown control route ${route}` } });
    }
  };
}
