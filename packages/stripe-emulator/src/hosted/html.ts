import type { WireResponse } from '../core.js';
import { parseForm } from '../http/form.js';
import type { WireRequest } from '../core.js';

export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** A plain, readable page; hosted pages are for demos and tests, not pixel parity with Stripe. */
export function page(title: string, body: string, status = 200): WireResponse {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:760px;margin:2rem auto;padding:0 1rem;color:#1a1f36}table{width:100%;border-collapse:collapse}td,th{padding:.4rem;border-bottom:1px solid #e3e8ee;text-align:left}th.num,td.num{text-align:right}.muted{color:#697386}.badge{display:inline-block;padding:.1rem .5rem;border-radius:.5rem;background:#e3e8ee}button,a.button{background:#635bff;color:#fff;border:0;border-radius:.4rem;padding:.6rem 1rem;font-size:1rem;cursor:pointer;text-decoration:none;display:inline-block;margin:.2rem}button.secondary{background:#e3e8ee;color:#1a1f36}</style></head><body>${body}<p class="muted" style="margin-top:3rem">Stripe emulator (test mode)</p></body></html>`;
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html };
}

export function json(status: number, body: unknown): WireResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body, null, 2) };
}

export function redirect(location: string): WireResponse {
  return { status: 303, headers: { location }, body: '' };
}

/** Form bodies or JSON bodies, for hosted pages and control routes. */
export function readBody(req: WireRequest): Record<string, unknown> {
  if (!req.body) return {};
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    try {
      return JSON.parse(req.body) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  return parseForm(req.body);
}
