import type { Params } from '../params.js';
import type { Core } from '../core.js';

export interface RequestContext {
  core: Core;
  method: string;
  /** Path without query string, e.g. `/v1/customers/cus_x`. */
  path: string;
  /** Decoded form body (POST) or query string (GET/DELETE), minus `expand`. */
  body: Params;
  /** `:name` segments of the matched route. */
  route: Record<string, string>;
  headers: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => unknown;

interface Route {
  method: string;
  /** As registered, e.g. `/v1/customers/:id` (keys `SDK_PARAMS`). */
  pattern: string;
  segments: string[];
  handler: Handler;
}

export class Router {
  private readonly routes: Route[] = [];
  private readonly staticSegments = new Set<string>();

  on(method: string, pattern: string, handler: Handler): this {
    const segments = pattern.split('/').filter(Boolean);
    for (const seg of segments) if (!seg.startsWith(':')) this.staticSegments.add(seg);
    this.routes.push({ method, pattern, segments, handler });
    return this;
  }

  get(pattern: string, handler: Handler): this {
    return this.on('GET', pattern, handler);
  }
  post(pattern: string, handler: Handler): this {
    return this.on('POST', pattern, handler);
  }
  del(pattern: string, handler: Handler): this {
    return this.on('DELETE', pattern, handler);
  }

  /** `METHOD pattern` of every route, e.g. `GET /v1/customers/:id`. */
  list(): string[] {
    return this.routes.map((r) => `${r.method} ${r.pattern}`);
  }

  /** Collapses ids in a path so counters group by endpoint (`/v1/customers/:id`). */
  normalise(path: string): string {
    return path
      .split('/')
      .map((seg) => (seg === '' || this.staticSegments.has(seg) ? seg : ':id'))
      .join('/');
  }

  /** Static segments win over `:params`, so `/v1/invoices/create_preview` beats `/v1/invoices/:id`. */
  match(
    method: string,
    path: string,
  ): { handler: Handler; route: Record<string, string>; pattern: string } | { methodMismatch: true } | null {
    const parts = path
      .split('/')
      .filter(Boolean)
      .map((p) => decodeURIComponent(p));
    let best: { handler: Handler; route: Record<string, string>; pattern: string; score: number } | null = null;
    let pathMatched = false;
    for (const r of this.routes) {
      if (r.segments.length !== parts.length) continue;
      const route: Record<string, string> = {};
      let score = 0;
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const seg = r.segments[i] ?? '';
        const part = parts[i] ?? '';
        if (seg.startsWith(':')) route[seg.slice(1)] = part;
        else if (seg === part) score++;
        else {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      pathMatched = true;
      if (r.method !== method) continue;
      if (!best || score > best.score) best = { handler: r.handler, route, pattern: r.pattern, score };
    }
    if (best) return { handler: best.handler, route: best.route, pattern: best.pattern };
    return pathMatched ? { methodMismatch: true } : null;
  }
}
