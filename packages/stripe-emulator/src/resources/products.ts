import { search } from '../search.js';
import type { Core } from '../core.js';
import { invalidRequest } from '../errors.js';
import { newId } from '../ids.js';
import { matchesRange, paginate } from '../list.js';
import { paginationFields, parseFields, s } from '../params.js';
import type { StripeObject } from '../store.js';
import { createPrice, priceDataFields } from './prices.js';
import { mergeMetadata, nullable } from './shared.js';

const common = {
  active: s.bool(),
  description: s.emptyable(s.string()),
  images: s.emptyable(s.array(s.string())),
  marketing_features: s.emptyable(s.array(s.obj({ name: s.req(s.string()) }))),
  metadata: s.metadata(),
  package_dimensions: s.emptyable(
    s.obj({
      height: s.req(s.number()),
      length: s.req(s.number()),
      weight: s.req(s.number()),
      width: s.req(s.number()),
    }),
  ),
  shippable: s.bool(),
  statement_descriptor: s.emptyable(s.string({ maxLength: 22 })),
  tax_code: s.emptyable(s.string()),
  // `tax_details` is refused (`emulator_unsupported_parameter`): there is no tax calculation.
  unit_label: s.emptyable(s.string({ maxLength: 12 })),
  url: s.emptyable(s.string()),
};

const createFields = {
  ...common,
  name: s.req(s.string()),
  id: s.string(),
  type: s.enum('good', 'service'),
  default_price_data: s.obj(priceDataFields()),
};

export function newProduct(core: Core, fields: Partial<StripeObject> & { name: string }): StripeObject {
  const now = core.now();
  return {
    id: newId('prod'),
    object: 'product',
    active: true,
    created: now,
    default_price: null,
    description: null,
    images: [],
    livemode: false,
    marketing_features: [],
    metadata: {},
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    tax_details: null,
    type: 'service',
    unit_label: null,
    updated: now,
    url: null,
    ...fields,
  };
}

export function registerProducts(core: Core): void {
  const { router, store } = core;

  router.post('/v1/products', (ctx) => {
    const p = parseFields(createFields, ctx.body);
    if (p.id !== undefined && store.getAny(p.id))
      throw invalidRequest(`Product already exists.`, 'id', 'resource_already_exists');
    const product = newProduct(core, {
      name: p.name,
      ...(p.id ? { id: p.id } : {}),
      active: p.active ?? true,
      description: nullable(p.description, null),
      images: p.images || [],
      marketing_features: p.marketing_features || [],
      metadata: mergeMetadata({}, p.metadata),
      package_dimensions: p.package_dimensions || null,
      shippable: p.shippable ?? null,
      statement_descriptor: nullable(p.statement_descriptor, null),
      tax_code: nullable(p.tax_code, null),
      type: p.type ?? 'service',
      unit_label: nullable(p.unit_label, null),
      url: nullable(p.url, null),
    });
    store.put(product);
    core.emit('product.created', product);
    if (p.default_price_data) {
      const price = createPrice(core, { ...p.default_price_data, product: product.id }, 'default_price_data');
      product.default_price = price.id;
    }
    return store.render(product);
  });

  router.get('/v1/products/search', (ctx) => search(core, 'product', ctx.body, '/v1/products/search'));

  router.get('/v1/products/:id', (ctx) => {
    parseFields({}, ctx.body);
    return store.render(store.find('product', ctx.route.id));
  });

  router.post('/v1/products/:id', (ctx) => {
    const p = parseFields({ ...common, name: s.string(), default_price: s.emptyable(s.string()) }, ctx.body);
    const product = store.find('product', ctx.route.id);
    const prev: Record<string, unknown> = {};
    const set = (k: string, v: unknown) => {
      prev[k] = product[k];
      product[k] = v;
    };
    if (p.default_price) {
      const price = store.findReferenced('price', p.default_price, 'default_price');
      if (price.product !== product.id)
        throw invalidRequest('The default price must belong to this product.', 'default_price');
    }
    if (p.name !== undefined) set('name', p.name);
    if (p.active !== undefined) set('active', p.active);
    if (p.default_price !== undefined) set('default_price', p.default_price || null);
    for (const k of ['description', 'statement_descriptor', 'tax_code', 'unit_label', 'url'] as const)
      if (p[k] !== undefined) set(k, nullable(p[k], null));
    if (p.images !== undefined) set('images', p.images || []);
    if (p.marketing_features !== undefined) set('marketing_features', p.marketing_features || []);
    if (p.package_dimensions !== undefined) set('package_dimensions', p.package_dimensions || null);
    if (p.shippable !== undefined) set('shippable', p.shippable);
    if (p.metadata !== undefined) set('metadata', mergeMetadata(product.metadata, p.metadata));
    product.updated = core.now();
    core.emit('product.updated', product, prev);
    return store.render(product);
  });

  router.del('/v1/products/:id', (ctx) => {
    parseFields({}, ctx.body);
    const product = store.find('product', ctx.route.id);
    if (store.all('price', (x) => x.product === product.id).length > 0)
      throw invalidRequest('This product cannot be deleted because it has one or more user-created prices.');
    store.markDeleted(product.id);
    core.emit('product.deleted', product);
    return { id: product.id, object: 'product', deleted: true };
  });

  router.get('/v1/products', (ctx) => {
    const p = parseFields(
      {
        ...paginationFields(),
        active: s.bool(),
        ids: s.array(s.string()),
        shippable: s.bool(),
        type: s.enum('good', 'service'),
        url: s.string(),
      },
      ctx.body,
    );
    const items = store.all(
      'product',
      (x) =>
        (p.active === undefined || x.active === p.active) &&
        (p.ids === undefined || p.ids.includes(x.id)) &&
        (p.shippable === undefined || x.shippable === p.shippable) &&
        (p.type === undefined || x.type === p.type) &&
        matchesRange(x.created, p.created),
    );
    return paginate(items, p, '/v1/products', 'product', (o) => store.render(o));
  });
}
