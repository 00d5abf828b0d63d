/**
 * What the audit trail keeps of a mutation's input: the input as the procedure's own schemas parse
 * it, never the raw request. Keys outside the schema are dropped by the parse, a call whose input
 * does not validate keeps nothing, and what remains is bounded (strings cut, depth and size capped),
 * so a caller cannot write large or forged text into rows that support staff read.
 *
 * The audit middleware runs before the procedure's own `.input()` parsers, so the parsers are
 * looked up by path from the router, read once when the app router is built (tRPC's `_def`, which
 * is how its tools introspect a router).
 */
interface SafeParser {
  safeParseAsync(raw: unknown): Promise<{ success: true; data: unknown } | { success: false }>;
}

const MAX_STRING = 64;
const MAX_KEYS = 20;
const MAX_DEPTH = 3;
/** Bytes of JSON one row may keep; a larger summary is replaced by a marker. */
export const MAX_AUDIT_INPUT_BYTES = 1024;

const parsersByPath = new Map<string, SafeParser[] | null>();

/** Remembers every procedure's input parsers by path; `root.ts` calls it once with the app router. */
export function registerAuditedInputs(router: { _def: { procedures: unknown } }): void {
  // At run time `_def.procedures` is flat, keyed by dotted path (its static type is nested).
  const procedures = router._def.procedures as Record<string, { _def: { inputs?: unknown[] } }>;
  for (const [path, procedure] of Object.entries(procedures)) {
    const inputs = procedure._def.inputs ?? [];
    const zodLike = inputs.every(
      (p): p is SafeParser => typeof (p as Partial<SafeParser>)?.safeParseAsync === 'function',
    );
    parsersByPath.set(path, zodLike ? inputs : null);
  }
}

/** The validated, bounded input of a call to `path`, or null when it does not validate (or is unknown). */
export async function auditedInput(path: string, raw: unknown): Promise<unknown> {
  const parsers = parsersByPath.get(path);
  if (!parsers || parsers.length === 0) return null;
  let merged: Record<string, unknown> = {};
  for (const parser of parsers) {
    const result = await parser.safeParseAsync(raw);
    if (!result.success || !isRecord(result.data)) return null;
    merged = { ...merged, ...result.data };
  }
  // The idempotency key is plumbing, not something the customer asked for.
  delete merged.idempotencyKey;
  const summary = bounded(merged, 0);
  return JSON.stringify(summary).length <= MAX_AUDIT_INPUT_BYTES ? summary : { omitted: 'input too large to keep' };
}

function bounded(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  if (value === null || typeof value !== 'object')
    return typeof value === 'function' || value === undefined ? null : value;
  if (depth >= MAX_DEPTH) return '[…]';
  if (Array.isArray(value)) return value.slice(0, MAX_KEYS).map((v) => bounded(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value).slice(0, MAX_KEYS))
    if (v !== undefined) out[key] = bounded(v, depth + 1);
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
