import { appRouter } from '@portal/api';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/** Another customer's ids, keyed by the input field names the contract uses. */
export type IdTable = Record<
  'subscriptionId' | 'itemId' | 'priceId' | 'paymentMethodId' | 'invoiceId' | 'taxIdId' | 'customerId',
  string
>;

export interface ProcedureInfo {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  /** The procedure's input parsers, in order (mutationProcedure's base key schema first). */
  inputs: z.ZodType[];
}

/** Every procedure of the router, found by walking it (a procedure added tomorrow is included). */
export function listProcedures(): ProcedureInfo[] {
  // At run time `_def.procedures` is flat, keyed by dotted path.
  const procedures = appRouter._def.procedures as unknown as Record<
    string,
    { _def: { type: ProcedureInfo['type']; inputs: z.ZodType[] } }
  >;
  return Object.entries(procedures).map(([path, p]) => ({ path, type: p._def.type, inputs: p._def.inputs }));
}

type Json = {
  type?: string;
  properties?: Record<string, Json>;
  required?: string[];
  items?: Json;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  minLength?: number;
  anyOf?: Json[];
  oneOf?: Json[];
  default?: unknown;
};

const mentionsId = (schema: Json, ids: IdTable): boolean =>
  JSON.stringify(schema).match(new RegExp(`"(${Object.keys(ids).join('|')})"`)) !== null;

/**
 * A valid value for a JSON schema, using the id table wherever a field is named like an id, and
 * including optional fields only when they lead to an id (so each input points at the other customer).
 */
function sample(schema: Json, ids: IdTable, name = ''): unknown {
  if (name in ids) return ids[name as keyof IdTable];
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const variants = schema.oneOf ?? schema.anyOf;
  if (variants) {
    const pick =
      variants.find((v) => v.type !== 'null' && mentionsId(v, ids)) ??
      variants.find((v) => v.type !== 'null') ??
      variants[0]!;
    return sample(pick, ids, name);
  }
  switch (schema.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, prop] of Object.entries(schema.properties ?? {})) {
        if (schema.required?.includes(key) || key in ids || mentionsId(prop, ids)) out[key] = sample(prop, ids, key);
      }
      return out;
    }
    case 'array':
      return [sample(schema.items ?? {}, ids)];
    case 'integer':
    case 'number':
      if (name === 'prorationDate') return Math.floor(Date.now() / 1000);
      return schema.default ?? schema.minimum ?? (schema.exclusiveMinimum ?? 0) + 1;
    case 'boolean':
      return false;
    case 'string':
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'uri') return 'https://app.example.com/account';
      if (schema.format === 'email') return 'someone@example.com';
      if (schema.format === 'date-time') return new Date(Date.now() + 7 * 86_400_000).toISOString();
      if (name === 'returnUrl') return 'https://app.example.com/account';
      if (schema.pattern?.startsWith('^bpc_')) return 'bpc_unknown';
      if (name === 'type' && schema.pattern) return 'eu_vat';
      return 'x'.repeat(Math.max(3, schema.minLength ?? 1));
    default:
      return null;
  }
}

/** A valid input for the procedure that names the other customer's objects wherever it can. */
export function inputFor(proc: ProcedureInfo, ids: IdTable): unknown {
  const last = proc.inputs.at(-1);
  if (!last) return undefined;
  return sample(z.toJSONSchema(last, { unrepresentable: 'any' }) as Json, ids);
}

export const usesIds = (input: unknown, ids: IdTable) =>
  Object.values(ids).some((id) => JSON.stringify(input ?? null).includes(id));
