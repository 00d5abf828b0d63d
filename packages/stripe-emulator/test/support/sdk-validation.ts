import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

/**
 * Validates wire JSON against JSON Schemas generated from the `stripe` package's type
 * definitions (`sdk-response-schemas.json`, written by `scripts/generate-sdk-schemas.ts`):
 * required properties present, nothing the type does not declare, types, enums and nullability.
 * Lists and search results are checked as envelopes, then each item against its own `object`;
 * expanded sub-objects are checked by the schema itself (expandable fields are `string | T`).
 */

interface ResponseSchemas {
  stripe: string;
  generator: string;
  resources: Record<string, { type: string; deleted?: string }>;
  events: Record<string, string>;
  otherEventTypes: string[];
  roots: Record<string, string>;
  definitions: Record<string, unknown>;
}

const schemaText = readFileSync(new URL('./sdk-response-schemas.json', import.meta.url), 'utf8');
export const schemas = JSON.parse(schemaText) as ResponseSchemas;

/**
 * Where the SDK's types disagree with what Stripe really sends, checked against Stripe's own
 * sample objects (`shared/stripe/fixtures3.json`) and `shared/STRIPE-NOTES.md`. Each entry skips
 * exactly one schema error (same instance path pattern and keyword) and says why. Keep it short.
 */
export const EXCEPTIONS: Array<{ object: string; path: RegExp; keyword: string; why: string }> = [];

/**
 * Compiling the schemas takes seconds (the served resources reference each other: one component
 * of ~700 definitions), too slow for every test worker. They are compiled once into standalone
 * validator code, cached under node_modules/.cache by a hash of the schema file.
 */
function loadValidators(): Map<string, ValidateFunction> {
  const require = createRequire(import.meta.url);
  const ajvVersion = (require('ajv/package.json') as { version: string }).version;
  const options = { allErrors: true, strict: false, inlineRefs: false, code: { source: true } };
  const hash = createHash('sha256')
    .update(schemaText)
    .update(ajvVersion)
    .update(JSON.stringify(options))
    .digest('hex')
    .slice(0, 16);
  const file = fileURLToPath(
    new URL(`../../node_modules/.cache/stripe-emulator/sdk-validators-${hash}.cjs`, import.meta.url),
  );
  const names = [...new Set([...Object.values(schemas.roots), ...Object.values(schemas.events)])].sort();
  if (!existsSync(file)) {
    const ajv = new Ajv(options);
    ajv.addSchema({ $id: 'sdk', definitions: schemas.definitions });
    const code = standaloneCode(
      ajv,
      Object.fromEntries(names.map((n, i) => [`v${i}`, `sdk#/definitions/${encodeURIComponent(n)}`])),
    );
    mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, file);
  }
  const mod = require(file) as Record<string, ValidateFunction>;
  return new Map(names.map((n, i) => [n, mod[`v${i}`]!]));
}

const validators = loadValidators();

function validator(definition: string): ValidateFunction {
  const v = validators.get(definition);
  if (!v) throw new Error(`No generated schema for ${definition}`);
  return v;
}

/**
 * ajv reports why every branch of a failed union (`string | Customer | null`) did not match. Where
 * some branch got further (errors deeper inside the value), the other branches' complaints about
 * the union's own position are noise and are dropped.
 */
function explain(label: string, errors: ErrorObject[]): string[] {
  const unions = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => e.instancePath));
  const deeper = (at: string) => errors.some((o) => o.instancePath.startsWith(`${at}/`));
  const relevant = errors.filter(
    (e) => e.keyword !== 'anyOf' && !(unions.has(e.instancePath) && deeper(e.instancePath)),
  );
  // One line per position for a failed enum (a union of constants), listing the allowed values.
  const allowed = new Map<string, unknown[]>();
  for (const e of relevant)
    if (e.keyword === 'const')
      allowed.set(e.instancePath, [
        ...(allowed.get(e.instancePath) ?? []),
        (e.params as { allowedValue: unknown }).allowedValue,
      ]);
  const out = relevant.map((e) => {
    const detail =
      e.keyword === 'additionalProperties'
        ? `has '${(e.params as { additionalProperty: string }).additionalProperty}', not in the SDK type`
        : e.keyword === 'const'
          ? `must be one of ${JSON.stringify(allowed.get(e.instancePath))}`
          : `${e.message}${e.keyword === 'enum' ? ` ${JSON.stringify(e.params)}` : ''}`;
    return `${label} at ${e.instancePath || '/'}: ${detail}`;
  });
  return [...new Set(out)];
}

function check(label: string, object: string, definition: string, value: unknown): string[] {
  const v = validator(definition);
  if (v(value)) return [];
  const errors = (v.errors ?? []).filter(
    (e) => !EXCEPTIONS.some((x) => x.object === object && x.keyword === e.keyword && x.path.test(e.instancePath)),
  );
  return errors.length === 0 ? [] : explain(label, errors);
}

export const counts = { responses: 0, objects: 0 };
/** Kinds validated in this worker: `customer`, `customer (deleted)`, `event customer.created`, `list`, `error`… */
export const seen = new Set<string>();

/** Mismatches of one Stripe object (an item of a list, or a whole response). */
export function objectMismatches(value: unknown, where: string): string[] {
  counts.objects++;
  if (typeof value !== 'object' || value === null) return [`${where}: not an object`];
  const o = value as { object?: unknown; deleted?: unknown; type?: unknown; id?: unknown };
  const object = String(o.object);
  const label = `${where} ${object} ${String(o.id ?? '')}`;
  seen.add(object === 'event' ? `event ${String(o.type)}` : o.deleted === true ? `${object} (deleted)` : object);
  if (object === 'event') {
    const type = String(o.type);
    const definition = schemas.events[type];
    if (definition) return check(label, object, definition, value);
    if (schemas.otherEventTypes.includes(type))
      return [`${label}: event type '${type}' is in the SDK but its object is not a resource the schemas cover`];
    return [`${label}: '${type}' is not an event type in the SDK's Stripe.Event union`];
  }
  const resource = schemas.resources[object];
  if (!resource) return [`${label}: no SDK resource type for object '${object}'`];
  const definition = o.deleted === true ? resource.deleted : resource.type;
  if (!definition) return [`${label}: the SDK has no deleted form of '${object}'`];
  return check(label, object, schemas.roots[definition]!, value);
}

/** Mismatches of one JSON response body, given its HTTP status. */
export function responseMismatches(status: number, body: unknown, where: string): string[] {
  counts.responses++;
  if (status >= 400) {
    counts.objects++;
    seen.add('error');
    return check(`${where} error ${status}`, 'error', schemas.roots.Envelope_error!, body);
  }
  const o = body as { object?: unknown; data?: unknown[] };
  if (o?.object === 'list' || o?.object === 'search_result') {
    seen.add(o.object);
    const envelope = check(`${where} ${o.object}`, String(o.object), schemas.roots[`Envelope_${o.object}`]!, body);
    return [
      ...envelope,
      ...(Array.isArray(o.data) ? o.data.flatMap((item, i) => objectMismatches(item, `${where} data[${i}]`)) : []),
    ];
  }
  return objectMismatches(body, where);
}
