import { sdkParamSchemas } from './check.js';

interface EnumSchema {
  enum?: unknown[];
  const?: unknown;
  anyOf?: EnumSchema[];
  $ref?: string;
}

const cache = new Map<string, ReadonlySet<string>>();

/**
 * The string values of one of the SDK's params unions (e.g. `TaxIdCreateParams.Type`), read from
 * the schemas generated from the SDK's .d.ts files. The SDK's open `string & {}` member is left
 * out, so the set is exactly the values Stripe documents for that parameter.
 */
export function sdkEnumValues(definition: string): ReadonlySet<string> {
  const done = cache.get(definition);
  if (done) return done;
  const { definitions } = sdkParamSchemas();
  const values = new Set<string>();
  const walk = (schema: EnumSchema | undefined): void => {
    if (!schema) return;
    if (schema.$ref)
      return walk(definitions[decodeURIComponent(schema.$ref.replace('#/definitions/', ''))] as EnumSchema | undefined);
    for (const v of schema.enum ?? []) if (typeof v === 'string') values.add(v);
    if (typeof schema.const === 'string') values.add(schema.const);
    for (const option of schema.anyOf ?? []) walk(option);
  };
  const root = definitions[definition] as EnumSchema | undefined;
  if (!root) throw new Error(`stripe-emulator: no SDK schema definition ${definition}; run generate:schemas`);
  walk(root);
  cache.set(definition, values);
  return values;
}
