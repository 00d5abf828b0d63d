import { invalidRequest, missingParameter, unknownParameter, unsupportedParameter } from './errors.js';
import type { FormValue } from './http/form.js';

/**
 * A small schema language for request parameters. Stripe rejects unknown parameters and
 * wrong types with a 400 naming the parameter, so each endpoint declares what it accepts and
 * gets typed-enough values back (numbers, booleans, arrays) from the all-string wire format.
 */
export type Spec =
  | { kind: 'string'; maxLength?: number; required?: boolean }
  | { kind: 'int'; min?: number; max?: number; required?: boolean }
  | { kind: 'number'; required?: boolean }
  | { kind: 'bool'; required?: boolean }
  | { kind: 'enum'; values: readonly string[]; required?: boolean }
  | { kind: 'metadata'; required?: boolean }
  | { kind: 'object'; fields: Record<string, Spec>; required?: boolean; open?: boolean }
  | { kind: 'array'; of: Spec; required?: boolean }
  | { kind: 'emptyable'; of: Spec; required?: boolean }
  | { kind: 'oneOf'; options: Spec[]; required?: boolean }
  | { kind: 'any'; required?: boolean };

export const s = {
  string: (o: { maxLength?: number } = {}): Spec => ({ kind: 'string', ...o }),
  int: (o: { min?: number; max?: number } = {}): Spec => ({ kind: 'int', ...o }),
  number: (): Spec => ({ kind: 'number' }),
  bool: (): Spec => ({ kind: 'bool' }),
  enum: (...values: string[]): Spec => ({ kind: 'enum', values }),
  metadata: (): Spec => ({ kind: 'emptyable', of: { kind: 'metadata' } }),
  obj: (fields: Record<string, Spec>): Spec => ({ kind: 'object', fields }),
  /** An object whose keys are free-form (e.g. `currency_options[eur]`). */
  open: (): Spec => ({ kind: 'object', fields: {}, open: true }),
  array: (of: Spec): Spec => ({ kind: 'array', of }),
  emptyable: (of: Spec): Spec => ({ kind: 'emptyable', of }),
  oneOf: (...options: Spec[]): Spec => ({ kind: 'oneOf', options }),
  any: (): Spec => ({ kind: 'any' }),
  req: (spec: Spec): Spec => ({ ...spec, required: true }),
  /** A unix timestamp or the literal `now`. */
  timestampOrNow: (): Spec => ({
    kind: 'oneOf',
    options: [
      { kind: 'enum', values: ['now'] },
      { kind: 'int', min: 0 },
    ],
  }),
  range: (): Spec => ({
    kind: 'oneOf',
    options: [
      { kind: 'int' },
      {
        kind: 'object',
        fields: { gt: { kind: 'int' }, gte: { kind: 'int' }, lt: { kind: 'int' }, lte: { kind: 'int' } },
      },
    ],
  }),
};

export const address = (): Spec =>
  s.obj({
    city: s.string(),
    country: s.string(),
    line1: s.string(),
    line2: s.string(),
    postal_code: s.string(),
    state: s.string(),
  });

export const paginationFields = (): Record<string, Spec> => ({
  limit: s.int(),
  starting_after: s.string(),
  ending_before: s.string(),
  created: s.range(),
});

// Parsed values are plain JSON; handlers read them with the helpers below.
export type Params = Record<string, any>;

function describe(path: string[]): string {
  const [head, ...rest] = path;
  return (head ?? '') + rest.map((p) => `[${p}]`).join('');
}

function convert(spec: Spec, value: FormValue, path: string[], sdkChecked: boolean): unknown {
  const name = describe(path);
  switch (spec.kind) {
    case 'any':
      return value;
    case 'string':
      if (typeof value !== 'string') throw invalidRequest(`Invalid string: ${JSON.stringify(value)}`, name);
      if (spec.maxLength !== undefined && value.length > spec.maxLength)
        throw invalidRequest(
          `Invalid string: ${value.slice(0, 20)}...; must be at most ${spec.maxLength} characters`,
          name,
        );
      return value;
    case 'int': {
      if (typeof value !== 'string' || !/^-?\d+$/.test(value))
        throw invalidRequest(
          `Invalid integer: ${typeof value === 'string' ? value : JSON.stringify(value)}`,
          name,
          'parameter_invalid_integer',
        );
      const n = Number(value);
      if (spec.min !== undefined && n < spec.min)
        throw invalidRequest(
          `This value must be greater than or equal to ${spec.min}.`,
          name,
          'parameter_invalid_integer',
        );
      if (spec.max !== undefined && n > spec.max)
        throw invalidRequest(
          `This value must be less than or equal to ${spec.max}.`,
          name,
          'parameter_invalid_integer',
        );
      return n;
    }
    case 'number':
      if (typeof value !== 'string' || value.trim() === '' || !Number.isFinite(Number(value)))
        throw invalidRequest(`Invalid decimal: ${String(value)}`, name);
      return Number(value);
    case 'bool':
      if (value === 'true') return true;
      if (value === 'false') return false;
      throw invalidRequest(`Invalid boolean: ${String(value)}`, name);
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value))
        throw invalidRequest(
          `Invalid ${path[path.length - 1] ?? 'value'}: must be one of ${spec.values.join(', ')}`,
          name,
        );
      return value;
    case 'metadata': {
      // The SDK turns `{ "0": "x" }` into `metadata[0]=x`, which the form parser reads as an array.
      const entries = Array.isArray(value)
        ? value.map((v, i) => [String(i), v] as const)
        : typeof value === 'object'
          ? Object.entries(value)
          : null;
      if (!entries) throw invalidRequest('Invalid metadata: metadata must be a hash', name);
      if (entries.length > 50) throw invalidRequest('Invalid metadata: metadata cannot have more than 50 keys', name);
      const out: Record<string, string> = {};
      for (const [k, v] of entries) {
        if (typeof v !== 'string')
          throw invalidRequest(`Invalid metadata value for key ${k}: must be a string`, `${name}[${k}]`);
        if (k.length > 40) throw invalidRequest(`Metadata keys can be at most 40 characters.`, `${name}[${k}]`);
        if (v.length > 500) throw invalidRequest(`Metadata values can be at most 500 characters.`, `${name}[${k}]`);
        out[k] = v;
      }
      return out;
    }
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value)) throw invalidRequest(`Invalid object`, name);
      if (spec.open) return value;
      return parseFields(spec.fields, value, path, sdkChecked);
    }
    case 'array': {
      const items = Array.isArray(value) ? value : null;
      if (!items) throw invalidRequest(`Invalid array`, name);
      return items.map((item, i) => convert(spec.of, item, [...path, String(i)], sdkChecked));
    }
    case 'emptyable':
      if (value === '') return '';
      return convert(spec.of, value, path, sdkChecked);
    case 'oneOf': {
      let firstError: unknown;
      for (const option of spec.options) {
        try {
          return convert(option, value, path, sdkChecked);
        } catch (e) {
          firstError ??= e;
        }
      }
      throw firstError;
    }
  }
}

/** Request bodies whose parameter names were already checked against the SDK's params type. */
const knownToSdk = new WeakSet<object>();

export function markKnownToSdk(body: object): void {
  knownToSdk.add(body);
}

/**
 * Checks `input` against an endpoint's spec. A key missing from the spec is `parameter_unknown`,
 * unless the request's names were checked against the SDK (see `sdk-params/check.ts`): then Stripe
 * has it and the emulator does not implement it, which gets its own error.
 */
export function parseFields(
  fields: Record<string, Spec>,
  input: Record<string, FormValue>,
  path: string[] = [],
  sdkChecked = knownToSdk.has(input),
): Params {
  const out: Params = {};
  for (const [key, value] of Object.entries(input)) {
    const spec = fields[key];
    if (!spec)
      throw sdkChecked ? unsupportedParameter(describe([...path, key])) : unknownParameter(describe([...path, key]));
    out[key] = convert(spec, value, [...path, key], sdkChecked);
  }
  for (const [key, spec] of Object.entries(fields)) {
    if (spec.required && (input[key] === undefined || input[key] === ''))
      throw missingParameter(describe([...path, key]));
  }
  return out;
}
