import { search } from '../search.js';
import type { Core } from '../core.js';
import { invalidRequest, missingParameter } from '../errors.js';
import { newId } from '../ids.js';
import { matchesRange, paginate } from '../list.js';
import { paginationFields, parseFields, s, type Params, type Spec } from '../params.js';
import type { StripeObject } from '../store.js';
import { newProduct } from './products.js';
import { mergeMetadata, nullable } from './shared.js';

const tier = () =>
  s.obj({
    up_to: s.req(s.oneOf(s.enum('inf'), s.int({ min: 1 }))),
    unit_amount: s.int({ min: 0 }),
    unit_amount_decimal: s.string(),
    flat_amount: s.int({ min: 0 }),
    flat_amount_decimal: s.string(),
  });

/** Fields shared by `prices.create`, `product.default_price_data` and inline `price_data`. */
export function priceDataFields(): Record<string, Spec> {
  return {
    currency: s.req(s.string()),
    unit_amount: s.int({ min: 0, max: 99999999 }),
    unit_amount_decimal: s.string(),
    recurring: s.obj({
      interval: s.req(s.enum('day', 'week', 'month', 'year')),
      interval_count: s.int({ min: 1 }),
      usage_type: s.enum('licensed', 'metered'),
      meter: s.string(),
      trial_period_days: s.int({ min: 0 }),
    }),
    tax_behavior: s.enum('exclusive', 'inclusive', 'unspecified'),
    // `currency_options` is left out on purpose: multi-currency prices are not emulated, and a
    // price that silently billed every currency in its default one would be worse than a 400
    // (`emulator_unsupported_parameter`, see parseFields).
    metadata: s.metadata(),
  };
}

const createFields = {
  ...priceDataFields(),
  product: s.string(),
  // `product_data[tax_details]` is refused (not emulated); the other fields are stored on the product.
  product_data: s.obj({
    name: s.req(s.string()),
    id: s.string(),
    active: s.bool(),
    metadata: s.metadata(),
    statement_descriptor: s.string({ maxLength: 22 }),
    tax_code: s.string(),
    unit_label: s.string({ maxLength: 12 }),
  }),
  active: s.bool(),
  billing_scheme: s.enum('per_unit', 'tiered'),
  custom_unit_amount: s.obj({ enabled: s.req(s.bool()), maximum: s.int(), minimum: s.int(), preset: s.int() }),
  lookup_key: s.string({ maxLength: 200 }),
  nickname: s.string(),
  tiers: s.array(tier()),
  tiers_mode: s.enum('graduated', 'volume'),
  transfer_lookup_key: s.bool(),
  transform_quantity: s.obj({ divide_by: s.req(s.int({ min: 1 })), round: s.req(s.enum('down', 'up')) }),
};

/** Creates and stores a price from already-validated params; `param` prefixes error names. */
export function createPrice(core: Core, p: Params, param = ''): StripeObject {
  const name = (k: string) => (param ? `${param}[${k}]` : k);
  const { store } = core;
  let productId: string;
  if (p.product) productId = store.findReferenced('product', p.product, name('product')).id;
  else if (p.product_data) {
    const d = p.product_data;
    const product = newProduct(core, {
      name: d.name,
      ...(d.id ? { id: d.id } : {}),
      active: d.active ?? true,
      statement_descriptor: d.statement_descriptor ?? null,
      tax_code: d.tax_code ?? null,
      unit_label: d.unit_label ?? null,
      metadata: mergeMetadata({}, d.metadata),
    });
    store.put(product);
    core.emit('product.created', product);
    productId = product.id;
  } else throw missingParameter(name('product'));
  const scheme = p.billing_scheme ?? 'per_unit';
  if (scheme === 'tiered') {
    if (!p.tiers || p.tiers.length === 0) throw missingParameter(name('tiers'));
    if (!p.tiers_mode) throw missingParameter(name('tiers_mode'));
    if (p.tiers[p.tiers.length - 1].up_to !== 'inf')
      throw invalidRequest('The last tier must have `up_to` set to `inf`.', name('tiers'));
    // Stripe allows `transform_quantity` only with `per_unit` prices; the wording is a guess.
    if (p.transform_quantity)
      throw invalidRequest(
        '`transform_quantity` cannot be used with `billing_scheme=tiered`.',
        name('transform_quantity'),
      );
  } else if (p.unit_amount === undefined && p.unit_amount_decimal === undefined && !p.custom_unit_amount) {
    throw invalidRequest('Missing required param: unit_amount.', name('unit_amount'), 'parameter_missing');
  }
  if (p.recurring?.usage_type === 'metered' && !p.recurring.meter)
    // Since 2025-03-31.basil a metered price must be backed by a meter (legacy usage records are gone).
    throw missingParameter(name('recurring[meter]'));
  if (p.recurring?.meter) {
    store.findReferenced('billing.meter', p.recurring.meter, name('recurring[meter]'));
    // Wording a guess: a meter only makes sense on a metered price.
    if (p.recurring.usage_type !== 'metered')
      throw invalidRequest(
        '`recurring[meter]` can only be set when `recurring[usage_type]` is `metered`.',
        name('recurring[meter]'),
      );
  }
  if (p.lookup_key && !p.transfer_lookup_key && store.all('price', (x) => x.lookup_key === p.lookup_key).length > 0)
    throw invalidRequest(
      `A price (\`${store.all('price', (x) => x.lookup_key === p.lookup_key)[0]?.id}\`) already uses that lookup key.`,
      name('lookup_key'),
    );
  if (p.lookup_key && p.transfer_lookup_key)
    for (const other of store.all('price', (x) => x.lookup_key === p.lookup_key)) other.lookup_key = null;
  const unitAmount =
    p.unit_amount ?? (p.unit_amount_decimal !== undefined ? Math.round(Number(p.unit_amount_decimal)) : null);
  const price: StripeObject = {
    id: newId('price'),
    object: 'price',
    active: p.active ?? true,
    billing_scheme: scheme,
    created: core.now(),
    currency: String(p.currency).toLowerCase(),
    custom_unit_amount: p.custom_unit_amount?.enabled
      ? {
          maximum: p.custom_unit_amount.maximum ?? null,
          minimum: p.custom_unit_amount.minimum ?? null,
          preset: p.custom_unit_amount.preset ?? null,
        }
      : null,
    livemode: false,
    lookup_key: p.lookup_key ?? null,
    metadata: mergeMetadata({}, p.metadata),
    nickname: p.nickname ?? null,
    product: productId,
    recurring: p.recurring
      ? {
          interval: p.recurring.interval,
          interval_count: p.recurring.interval_count ?? 1,
          meter: p.recurring.meter ?? null,
          trial_period_days: p.recurring.trial_period_days ?? null,
          usage_type: p.recurring.usage_type ?? 'licensed',
        }
      : null,
    tax_behavior: p.tax_behavior ?? 'unspecified',
    tiers_mode: scheme === 'tiered' ? p.tiers_mode : null,
    transform_quantity: p.transform_quantity ?? null,
    type: p.recurring ? 'recurring' : 'one_time',
    unit_amount: scheme === 'tiered' ? null : unitAmount,
    unit_amount_decimal:
      scheme === 'tiered' || unitAmount === null ? null : String(p.unit_amount_decimal ?? unitAmount),
    _tiers:
      scheme === 'tiered'
        ? (p.tiers as Params[]).map((t) => ({
            flat_amount: t.flat_amount ?? null,
            flat_amount_decimal: t.flat_amount !== undefined ? String(t.flat_amount) : (t.flat_amount_decimal ?? null),
            unit_amount: t.unit_amount ?? null,
            unit_amount_decimal: t.unit_amount !== undefined ? String(t.unit_amount) : (t.unit_amount_decimal ?? null),
            up_to: t.up_to === 'inf' ? null : t.up_to,
          }))
        : undefined,
  };
  if (price._tiers === undefined) delete price._tiers;
  store.put(price);
  core.emit('price.created', price);
  return price;
}

/** Stripe still embeds the legacy `plan` view of a recurring price on subscription items. */
export function planFromPrice(price: StripeObject): StripeObject {
  return {
    id: price.id,
    object: 'plan',
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: price.billing_scheme,
    created: price.created,
    currency: price.currency,
    interval: price.recurring?.interval ?? 'month',
    interval_count: price.recurring?.interval_count ?? 1,
    livemode: false,
    metadata: price.metadata,
    meter: price.recurring?.meter ?? null,
    nickname: price.nickname,
    product: price.product,
    tiers_mode: price.tiers_mode,
    transform_usage: price.transform_quantity,
    trial_period_days: price.recurring?.trial_period_days ?? null,
    usage_type: price.recurring?.usage_type ?? 'licensed',
  };
}

export function registerPrices(core: Core): void {
  const { router, store } = core;
  const tiersOf = (obj: StripeObject) => store.getAny(obj.id)?._tiers ?? [];
  core.includables.set('price', { tiers: tiersOf });
  core.includables.set('plan', { tiers: tiersOf });

  router.post('/v1/prices', (ctx) => store.render(createPrice(core, parseFields(createFields, ctx.body))));

  router.get('/v1/prices/search', (ctx) => search(core, 'price', ctx.body, '/v1/prices/search'));

  router.get('/v1/prices/:id', (ctx) => {
    parseFields({}, ctx.body);
    return store.render(store.find('price', ctx.route.id));
  });

  router.post('/v1/prices/:id', (ctx) => {
    const p = parseFields(
      {
        active: s.bool(),
        metadata: s.metadata(),
        nickname: s.emptyable(s.string()),
        lookup_key: s.emptyable(s.string()),
        tax_behavior: s.enum('exclusive', 'inclusive', 'unspecified'),
        transfer_lookup_key: s.bool(),
      },
      ctx.body,
    );
    const price = store.find('price', ctx.route.id);
    const prev: Record<string, unknown> = {};
    const set = (k: string, v: unknown) => {
      prev[k] = price[k];
      price[k] = v;
    };
    if (p.active !== undefined) set('active', p.active);
    if (p.metadata !== undefined) set('metadata', mergeMetadata(price.metadata, p.metadata));
    if (p.nickname !== undefined) set('nickname', nullable(p.nickname, null));
    if (p.lookup_key) {
      // The same rule as on create: a lookup key names one price, unless the caller moves it here.
      const holders = store.all('price', (x) => x.id !== price.id && x.lookup_key === p.lookup_key);
      if (holders.length > 0 && !p.transfer_lookup_key)
        throw invalidRequest(`A price (\`${holders[0]?.id}\`) already uses that lookup key.`, 'lookup_key');
      for (const other of holders) other.lookup_key = null;
    }
    if (p.lookup_key !== undefined) set('lookup_key', nullable(p.lookup_key, null));
    if (p.tax_behavior !== undefined) set('tax_behavior', p.tax_behavior);
    core.emit('price.updated', price, prev);
    return store.render(price);
  });

  router.get('/v1/prices', (ctx) => {
    const p = parseFields(
      {
        ...paginationFields(),
        active: s.bool(),
        currency: s.string(),
        product: s.string(),
        type: s.enum('one_time', 'recurring'),
        lookup_keys: s.array(s.string()),
        recurring: s.obj({
          interval: s.enum('day', 'week', 'month', 'year'),
          usage_type: s.enum('licensed', 'metered'),
          meter: s.string(),
        }),
      },
      ctx.body,
    );
    const items = store.all(
      'price',
      (x) =>
        (p.active === undefined || x.active === p.active) &&
        (p.currency === undefined || x.currency === p.currency.toLowerCase()) &&
        (p.product === undefined || x.product === p.product) &&
        (p.type === undefined || x.type === p.type) &&
        (p.lookup_keys === undefined || p.lookup_keys.includes(x.lookup_key)) &&
        (p.recurring === undefined ||
          (x.recurring !== null &&
            (p.recurring.interval === undefined || x.recurring.interval === p.recurring.interval) &&
            (p.recurring.usage_type === undefined || x.recurring.usage_type === p.recurring.usage_type))) &&
        matchesRange(x.created, p.created),
    );
    return paginate(items, p, '/v1/prices', 'price', (o) => store.render(o));
  });
}
