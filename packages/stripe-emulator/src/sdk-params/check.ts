import { readFileSync } from 'node:fs';
import { unknownParameter } from '../errors.js';
import type { FormValue } from '../http/form.js';
import { RETIRED_PARAMS, SDK_PARAMS } from './routes.js';

/**
 * Rejects parameters that are not in the `stripe` SDK's params type for the endpoint, the way
 * Stripe does (`parameter_unknown`, naming the full bracket path). The JSON Schemas come from
 * the SDK's .d.ts files (`scripts/generate-sdk-schemas.ts`); each is compiled once into a small
 * tree of allowed keys, so a request costs one walk over its own parameters.
 *
 * Only the *names* are checked here. Types, enums and required fields are checked afterwards by
 * each endpoint's own spec (`src/params.ts`), which also reports SDK parameters the emulator does
 * not implement (`emulator_unsupported_parameter`).
 */

interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
}

interface SchemasFile {
  stripe: string;
  roots: Record<string, string>;
  definitions: Record<string, JsonSchema>;
}

/** One alternative of a union. A parameter's allowed shapes are a list of these. */
interface Shape {
  /** Object keys and their shapes; null when this alternative is not an object. */
  keys: Map<string, Shape[]> | null;
  /** Keys beyond `keys`: none, any value, or values of these shapes (`metadata[…]`). */
  extra: 'none' | 'any' | Shape[];
  /** Array items; null when this alternative is not an array. */
  items: Shape[] | null;
}

const ANY: Shape = { keys: new Map(), extra: 'any', items: null };
const LEAF: Shape = { keys: null, extra: 'none', items: null };

let file: SchemasFile | null = null;
const compiled = new Map<string, Shape[]>();
const roots = new Map<string, Shape[] | null>();

/** The generated schemas, read once per process (about 0.8 MB). */
export function sdkParamSchemas(): SchemasFile {
  file ??= JSON.parse(readFileSync(new URL('./schemas.json', import.meta.url), 'utf8')) as SchemasFile;
  return file;
}

function definition(name: string): Shape[] {
  const done = compiled.get(name);
  if (done) return done;
  // Registered before compiling so recursive definitions end up pointing at the same list.
  const shapes: Shape[] = [];
  compiled.set(name, shapes);
  const def = sdkParamSchemas().definitions[name];
  if (!def) throw new Error(`stripe-emulator: no SDK schema definition ${name}; run generate:schemas`);
  shapes.push(...compile(def));
  return shapes;
}

function compile(schema: JsonSchema): Shape[] {
  if (schema.$ref) return definition(decodeURIComponent(schema.$ref.replace('#/definitions/', '')));
  if (schema.anyOf) return schema.anyOf.flatMap(compile);
  const types = schema.type === undefined ? null : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types === null && !schema.properties && !schema.items) return [ANY];
  const out: Shape[] = [];
  if (types?.includes('object') || schema.properties) {
    const keys = new Map(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, compile(v)] as const));
    const ap = schema.additionalProperties;
    out.push({
      keys,
      extra: ap === false ? 'none' : ap === undefined || ap === true ? 'any' : compile(ap),
      items: null,
    });
  }
  if (types?.includes('array') || schema.items)
    out.push({ keys: null, extra: 'none', items: schema.items ? compile(schema.items) : [ANY] });
  if (types?.some((t) => t !== 'object' && t !== 'array')) out.push(LEAF);
  return out;
}

function check(value: FormValue, shapes: Shape[], path: string): void {
  if (typeof value === 'string' || shapes.includes(ANY)) return;
  if (Array.isArray(value)) {
    const items = shapes.flatMap((s) => s.items ?? []);
    if (items.length > 0) value.forEach((v, i) => check(v, items, `${path}[${i}]`));
    // `metadata[0]=x` parses as an array: an object whose keys happen to be digits.
    else
      checkObject(
        value.map((v, i) => [String(i), v] as const),
        shapes,
        path,
      );
  } else {
    checkObject(Object.entries(value), shapes, path);
  }
}

function checkObject(entries: ReadonlyArray<readonly [string, FormValue]>, shapes: Shape[], path: string): void {
  const objects = shapes.filter((s) => s.keys !== null);
  // Not an object in any alternative: a type error, which the endpoint's own spec reports.
  if (objects.length === 0) return;
  for (const [key, value] of entries) {
    const name = path === '' ? key : `${path}[${key}]`;
    const children: Shape[] = [];
    let open = false;
    for (const s of objects) {
      const known = s.keys!.get(key);
      if (known) children.push(...known);
      else if (s.extra === 'any') open = true;
      else if (s.extra !== 'none') children.push(...s.extra);
    }
    if (open) continue;
    if (children.length === 0) throw unknownParameter(name);
    check(value, children, name);
  }
}

/**
 * Throws `parameter_unknown` for the first parameter (depth first, in request order) that the
 * SDK's params type for `METHOD route` does not declare. Returns false for routes without one.
 */
export function checkSdkParams(method: string, route: string, params: Record<string, FormValue>): boolean {
  const key = `${method} ${route}`;
  let shapes = roots.get(key);
  if (shapes === undefined) {
    const type = SDK_PARAMS[key];
    const root = type === undefined ? undefined : sdkParamSchemas().roots[type];
    if (type !== undefined && root === undefined)
      throw new Error(`stripe-emulator: no SDK schema for ${type}; run generate:schemas`);
    shapes = root === undefined ? null : definition(root);
    roots.set(key, shapes);
  }
  if (shapes === null) return false;
  RETIRED_PARAMS[key]?.(params);
  checkObject(Object.entries(params), shapes, '');
  return true;
}
