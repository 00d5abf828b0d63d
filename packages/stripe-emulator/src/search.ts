import { invalidRequest } from './errors.js';
import { parseFields, s, type Params } from './params.js';
import type { Core } from './core.js';
import type { StripeObject } from './store.js';

type Clause = { negate: boolean; field: string; op: string; value: string };

/**
 * A subset of Stripe's search query language: `field:'value'` (exact, case-insensitive),
 * `field~'value'` (substring), `field>n` / `<` / `>=` / `<=` on numbers, `metadata['key']:'v'`,
 * `-field:'v'` to negate, clauses joined by AND or by OR (not both).
 */
function parseQuery(query: string): { mode: 'AND' | 'OR'; clauses: Clause[] } {
  const hasAnd = /\sAND\s/.test(query);
  const hasOr = /\sOR\s/.test(query);
  if (hasAnd && hasOr) throw invalidRequest('Search queries cannot mix AND and OR.', 'query');
  const mode = hasOr ? 'OR' : 'AND';
  const clauses = query.split(new RegExp(`\\s${mode}\\s`)).map((part) => {
    const m = /^\s*(-?)([\w.]+(?:\[['"][^'"]+['"]\])?)\s*(:|~|>=|<=|>|<)\s*(?:'([^']*)'|"([^"]*)"|([\w.-]+))\s*$/.exec(
      part,
    );
    if (!m) throw invalidRequest(`Invalid search query: ${part.trim()}`, 'query');
    return { negate: m[1] === '-', field: m[2] ?? '', op: m[3] ?? ':', value: m[4] ?? m[5] ?? m[6] ?? '' };
  });
  return { mode, clauses };
}

function fieldValue(obj: StripeObject, field: string): unknown {
  const meta = /^metadata\[['"]([^'"]+)['"]\]$/.exec(field);
  if (meta) return obj.metadata?.[meta[1] ?? ''];
  return field
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), obj);
}

function matches(obj: StripeObject, c: Clause): boolean {
  const actual = fieldValue(obj, c.field);
  let ok: boolean;
  if (c.op === ':')
    ok = actual !== undefined && actual !== null && String(actual).toLowerCase() === c.value.toLowerCase();
  else if (c.op === '~') ok = typeof actual === 'string' && actual.toLowerCase().includes(c.value.toLowerCase());
  else {
    const a = Number(actual);
    const b = Number(c.value);
    ok =
      Number.isFinite(a) &&
      Number.isFinite(b) &&
      (c.op === '>' ? a > b : c.op === '<' ? a < b : c.op === '>=' ? a >= b : a <= b);
  }
  return c.negate ? !ok : ok;
}

/**
 * Runs a `/search` request over one object type; `page` is an opaque offset cursor. Matching
 * uses what the lagging index has seen (see `SearchIndex`), so an object created or changed a
 * moment ago is not found, or found by its old values, as on Stripe. Results show each object
 * as it is now. With `searchLagMs: 0` search reads the store directly.
 */
export function search(core: Core, object: string, body: Params, url: string): unknown {
  const p = parseFields({ query: s.req(s.string()), limit: s.int({ min: 1, max: 100 }), page: s.string() }, body);
  const { mode, clauses } = parseQuery(p.query);
  const pool = core.timing.searchLagMs > 0 ? core.searchIndex.visible(object) : core.store.all(object);
  const items = pool.filter((o) =>
    mode === 'AND' ? clauses.every((c) => matches(o, c)) : clauses.some((c) => matches(o, c)),
  );
  const limit = p.limit ?? 10;
  const offset = p.page ? Number(Buffer.from(p.page, 'base64url').toString()) || 0 : 0;
  const hasMore = items.length > offset + limit;
  return {
    object: 'search_result',
    data: items.slice(offset, offset + limit).map((o) => core.store.render(core.store.get(o.id) ?? o)),
    has_more: hasMore,
    next_page: hasMore ? Buffer.from(String(offset + limit)).toString('base64url') : null,
    url,
  };
}
