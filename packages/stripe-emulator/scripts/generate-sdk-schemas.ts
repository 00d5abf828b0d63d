/**
 * Generates JSON Schemas from the installed `stripe` package's own type definitions with
 * ts-json-schema-generator:
 *
 * - `src/sdk-params/schemas.json`: the params type of every endpoint in `SDK_PARAMS` (shipped and
 *   read at run time: unknown parameters are rejected against it).
 * - `test/support/sdk-response-schemas.json`: every resource type the emulator answers with, the
 *   list envelopes, the error body and each event type (the test suite validates every response).
 *
 * Both record the stripe version; a test fails when they are stale. Run after upgrading stripe:
 *   pnpm --filter @portal/stripe-emulator generate:schemas
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator, ExposeNodeParser, type Config } from 'ts-json-schema-generator';
import type ts from 'typescript';
import { SDK_PARAMS } from '../src/sdk-params/routes.js';

const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(pkg, 'package.json'));
const stripeVersion: string = JSON.parse(
  readFileSync(path.join(path.dirname(require.resolve('stripe')), '..', 'package.json'), 'utf8'),
).version;
const generatorVersion: string = JSON.parse(
  readFileSync(require.resolve('ts-json-schema-generator/package.json'), 'utf8'),
).version;
const refTo = (ref: string) => decodeURIComponent(ref.replace('#/definitions/', ''));

/** Response types by `object` value; `deleted` is the shape of `DELETE` answers. */
const RESOURCES: Record<string, { type: string; deleted?: string }> = {
  customer: { type: 'Customer', deleted: 'DeletedCustomer' },
  product: { type: 'Product', deleted: 'DeletedProduct' },
  price: { type: 'Price', deleted: 'DeletedPrice' },
  plan: { type: 'Plan', deleted: 'DeletedPlan' },
  coupon: { type: 'Coupon', deleted: 'DeletedCoupon' },
  promotion_code: { type: 'PromotionCode' },
  discount: { type: 'Discount', deleted: 'DeletedDiscount' },
  subscription: { type: 'Subscription' },
  subscription_item: { type: 'SubscriptionItem', deleted: 'DeletedSubscriptionItem' },
  subscription_schedule: { type: 'SubscriptionSchedule' },
  invoice: { type: 'Invoice', deleted: 'DeletedInvoice' },
  line_item: { type: 'InvoiceLineItem' },
  invoiceitem: { type: 'InvoiceItem', deleted: 'DeletedInvoiceItem' },
  payment_method: { type: 'PaymentMethod' },
  setup_intent: { type: 'SetupIntent' },
  payment_intent: { type: 'PaymentIntent' },
  charge: { type: 'Charge' },
  invoice_payment: { type: 'InvoicePayment' },
  tax_id: { type: 'TaxId', deleted: 'DeletedTaxId' },
  customer_balance_transaction: { type: 'CustomerBalanceTransaction' },
  webhook_endpoint: { type: 'WebhookEndpoint', deleted: 'DeletedWebhookEndpoint' },
  'test_helpers.test_clock': { type: 'TestHelpers.TestClock', deleted: 'TestHelpers.DeletedTestClock' },
  'billing_portal.configuration': { type: 'BillingPortal.Configuration' },
  'billing_portal.session': { type: 'BillingPortal.Session' },
  'billing.meter': { type: 'Billing.Meter' },
  'billing.meter_event': { type: 'Billing.MeterEvent' },
  'billing.meter_event_adjustment': { type: 'Billing.MeterEventAdjustment' },
  'billing.meter_event_summary': { type: 'Billing.MeterEventSummary' },
  'billing.alert': { type: 'Billing.Alert' },
  'billing.alert_triggered': { type: 'Billing.AlertTriggered' },
};

/** Wire-only wrappers: envelopes whose items are validated one by one, and the error body. */
const ENVELOPES = `
/** A list page; \`data\` items are validated against their own \`object\`'s schema. */
export type Envelope_list = Stripe.ApiList<unknown>;
export type Envelope_search_result = Stripe.ApiSearchResult<unknown>;
/** The wire error body: StripeRawError minus the fields the SDK adds after parsing. */
export type Envelope_error = { error: Omit<Stripe.StripeRawError, 'headers' | 'statusCode' | 'requestId' | 'detail' | 'exception'> };
`;

/**
 * The generator names definitions after the bare type name, so `Issuing.Card` and `Card` collide.
 * Prefix names declared under `stripe/{cjs,esm}/resources/<Namespace>/` with that namespace, which is
 * also how the SDK spells them (`BillingPortal.Session`, `TestHelpers.TestClock`).
 */
type Naming = { getDefinitionName(node: ts.Node, context: unknown): string };
const naming = ExposeNodeParser.prototype as unknown as Naming;
const bareName = naming.getDefinitionName;
naming.getDefinitionName = function (this: Naming, node: ts.Node, context: unknown) {
  const name = bareName.call(this, node, context);
  const m = /\/stripe\/(?:cjs|esm)\/resources\/(.+)\/[^/]+\.d\.ts$/.exec(node.getSourceFile().fileName);
  return m ? `${m[1]!.replace(/\//g, '.')}.${name}` : name;
};

type Schema = {
  $ref?: string;
  properties?: Record<string, Schema>;
  definitions?: Record<string, unknown>;
  [k: string]: unknown;
};

/**
 * Generates one schema for an interface holding every wanted type as a property (one generator
 * call: reusing a generator across calls loses definitions behind circular references), then
 * returns each property's definition name and the shared definitions.
 */
function generate(
  prelude: string,
  types: string[],
): { roots: Record<string, string>; definitions: Record<string, unknown> } {
  const entry = path.join(pkg, 'scripts', `.sdk-types-${process.pid}.ts`);
  const props = types.map((t) => `  '${t}': ${t.startsWith('Envelope_') ? t : `Stripe.${t}`};`);
  writeFileSync(
    entry,
    `import type Stripe from 'stripe';\n${prelude}\nexport interface Root {\n${props.join('\n')}\n}\n`,
  );
  try {
    const config: Config = {
      path: entry,
      tsconfig: path.join(pkg, 'tsconfig.json'),
      type: 'Root',
      skipTypeCheck: true,
      jsDoc: 'none',
      expose: 'export',
      topRef: true,
      additionalProperties: false,
      sortProps: true,
    };
    const schema = createGenerator(config).createSchema('Root') as Schema;
    const definitions = schema.definitions!;
    const root = definitions.Root as Schema;
    delete definitions.Root;
    const roots: Record<string, string> = {};
    for (const t of types) {
      const ref = root.properties?.[t]?.$ref;
      if (!ref)
        throw new Error(`${t}: expected a named type, got ${JSON.stringify(root.properties?.[t]).slice(0, 200)}`);
      roots[t] = refTo(ref);
    }
    // Decimal fields are strings on the wire (`"12.5"`); the SDK turns them into its Decimal class.
    if (definitions.Decimal) definitions.Decimal = { type: 'string', pattern: '^-?\\d+(\\.\\d+)?$' };
    return { roots, definitions };
  } finally {
    rmSync(entry, { force: true });
  }
}

/**
 * Stripe objects the emulator does not serve (Account, Charge, Application, SetupAttempt…) can
 * only ever appear as ids in its answers: nothing can expand them. Every reference to such an
 * object type becomes `false` (matches nothing) and unions drop that branch, so
 * `default_source: string | CustomerSource | null` checks as `string | null`. This only makes the
 * schemas stricter, and keeps them small enough to compile quickly in every test worker.
 */
function pruneUnservedObjects(defs: Record<string, Schema | boolean>, served: Set<string>): void {
  const never = new Set<string>();
  for (const [name, def] of Object.entries(defs)) {
    const object =
      typeof def === 'object' ? (def.properties?.object as { const?: unknown } | undefined)?.const : undefined;
    if (typeof object === 'string' && !served.has(object)) never.add(name);
  }
  const isNever = (s: unknown): boolean =>
    s === false ||
    (typeof s === 'object' && s !== null && !!(s as Schema).$ref && never.has(refTo((s as Schema).$ref!)));
  const rewrite = (s: unknown): unknown => {
    if (Array.isArray(s)) return s.map(rewrite);
    if (typeof s !== 'object' || s === null) return s;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s)) out[k] = k === 'enum' || k === 'const' ? v : rewrite(v);
    if (isNever(out)) return false;
    if (Array.isArray(out.anyOf)) {
      const kept = (out.anyOf as unknown[]).filter((b) => !isNever(b));
      if (kept.length === 0) return false;
      out.anyOf = kept;
    }
    return out;
  };
  // A union whose every branch is pruned is itself never matched: repeat until nothing changes.
  for (let size = -1; size !== never.size;) {
    size = never.size;
    for (const [name, def] of Object.entries(defs)) {
      if (never.has(name)) continue;
      defs[name] = rewrite(def) as Schema | boolean;
      if (defs[name] === false) never.add(name);
    }
  }
  for (const name of never) delete defs[name];
}

/**
 * The SDK joins every enum with `OtherString` (any string) so integrations tolerate values added
 * after this SDK version. The emulator is pinned to this version and must only send the listed
 * values, so in response schemas a union of string literals drops its `OtherString` branch.
 */
function closeEnums(defs: Record<string, Schema | boolean>): void {
  const close = (s: unknown): unknown => {
    if (Array.isArray(s)) return s.map(close);
    if (typeof s !== 'object' || s === null) return s;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s)) out[k] = k === 'enum' || k === 'const' ? v : close(v);
    const branches = out.anyOf as Schema[] | undefined;
    if (
      branches?.some((b) => typeof b.const === 'string') &&
      branches.some((b) => b.$ref === '#/definitions/OtherString')
    )
      out.anyOf = branches.filter((b) => b.$ref !== '#/definitions/OtherString');
    return out;
  };
  for (const [name, def] of Object.entries(defs)) defs[name] = close(def) as Schema | boolean;
}

function write(file: string, data: unknown): void {
  const text = JSON.stringify(data);
  writeFileSync(path.join(pkg, file), text + '\n');
  console.log(`${file}: ${(text.length / 1024).toFixed(0)} KiB`);
}

const started = Date.now();
const params = generate('', [...new Set(Object.values(SDK_PARAMS))]);
write('src/sdk-params/schemas.json', {
  stripe: stripeVersion,
  generator: `ts-json-schema-generator ${generatorVersion}`,
  ...params,
});

const resourceTypes = Object.values(RESOURCES).flatMap((r) => [r.type, ...(r.deleted ? [r.deleted] : [])]);
const responses = generate(ENVELOPES, [
  'Envelope_list',
  'Envelope_search_result',
  'Envelope_error',
  'Event',
  ...resourceTypes,
]);
// Events are a union of one interface per type. Keep those whose `data.object` is a resource the
// emulator serves (the others would pull in all of Stripe: Issuing, Treasury…), indexed by `type`.
const defs = responses.definitions as Record<string, Schema>;
const refName = (s: Schema | undefined) => (s?.$ref ? refTo(s.$ref) : undefined);
const served = new Set(resourceTypes.map((t) => responses.roots[t]));
const events: Record<string, string> = {};
const otherEventTypes: string[] = [];
for (const member of (defs[responses.roots.Event!] as { anyOf: Schema[] }).anyOf) {
  const name = refName(member)!;
  const def = defs[name]!;
  const type = (def.properties!.type as { const: string }).const;
  const object = refName(defs[refName(def.properties!.data)!]?.properties?.object);
  if (object && served.has(object)) events[type] = name;
  else otherEventTypes.push(type);
}
delete responses.roots.Event;
pruneUnservedObjects(defs, new Set([...Object.keys(RESOURCES), 'event', 'list', 'search_result']));
closeEnums(defs);
const reachable = new Set<string>();
const visit = (name: string): void => {
  if (reachable.has(name)) return;
  reachable.add(name);
  for (const m of JSON.stringify(defs[name]).matchAll(/"#\/definitions\/([^"]+)"/g)) visit(decodeURIComponent(m[1]!));
};
[...Object.values(responses.roots), ...Object.values(events)].forEach(visit);
for (const name of Object.keys(defs)) if (!reachable.has(name)) delete defs[name];
write('test/support/sdk-response-schemas.json', {
  stripe: stripeVersion,
  generator: `ts-json-schema-generator ${generatorVersion}`,
  resources: RESOURCES,
  events,
  otherEventTypes: otherEventTypes.sort(),
  ...responses,
});
console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
