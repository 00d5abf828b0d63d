import type { Core } from '../core.js';
import { invalidRequest } from '../errors.js';
import { newId } from '../ids.js';
import { paginate } from '../list.js';
import { paginationFields, parseFields, s } from '../params.js';
import type { StripeObject } from '../store.js';
import { TAX_ID_FORMATS, euVatCountry } from '../billing/tax-id-formats.js';
import { setTaxIdCreator } from './customers.js';

/** Validates the value's format for its type and stores a tax ID on the customer. */
export function createTaxId(core: Core, customerId: string, type: string, rawValue: string, param = 'value'): StripeObject {
  const format = TAX_ID_FORMATS[type];
  const value = rawValue.trim();
  if (!format) {
    if (!/^[a-z]{2}_[a-z_]+$/.test(type)) throw invalidRequest(`Invalid value for type: ${type}`, param.replace(/value\]?$/, 'type'));
  } else if (!format.pattern.test(value)) {
    throw invalidRequest(`Invalid value for ${type}: ${value}. A valid ${type} looks like ${format.example}.`, param, 'tax_id_invalid');
  }
  const country = type === 'eu_vat' ? euVatCountry(value) : (format?.country ?? type.slice(0, 2).toUpperCase());
  const verifies = format?.verifies ?? false;
  const taxId: StripeObject = {
    id: newId('txi'),
    object: 'tax_id',
    country,
    created: core.now(),
    customer: customerId,
    customer_account: null,
    livemode: false,
    owner: { customer: customerId, customer_account: null, type: 'customer' },
    type,
    value,
    verification: { status: verifies ? 'pending' : 'unavailable', verified_address: null, verified_name: null },
  };
  core.store.put(taxId);
  core.emit('customer.tax_id.created', taxId);
  return taxId;
}

/**
 * Stripe verifies EU/GB/AU numbers asynchronously. Here pending IDs settle on the next request:
 * values containing `111111111` (Stripe's "unverified" test pattern) fail, others pass.
 */
function settleVerifications(core: Core): void {
  for (const t of core.store.all('tax_id', (x) => x.verification?.status === 'pending')) {
    const prev = { verification: { ...t.verification } };
    const ok = !String(t.value).includes('111111111');
    t.verification = { status: ok ? 'verified' : 'unverified', verified_address: ok ? 'Registered address on file' : null, verified_name: ok ? 'Registered business name' : null };
    core.emit('customer.tax_id.updated', t, prev);
  }
}

export function registerTaxIds(core: Core): void {
  const { router, store } = core;
  setTaxIdCreator(createTaxId);
  core.beforeRequest.push(() => settleVerifications(core));

  router.post('/v1/customers/:id/tax_ids', (ctx) => {
    const p = parseFields({ type: s.req(s.string()), value: s.req(s.string()) }, ctx.body);
    const customer = store.find('customer', ctx.route.id, 'customer');
    if (store.all('tax_id', (t) => t.customer === customer.id).length >= 25) throw invalidRequest('A customer can have at most 25 tax IDs.', 'value');
    return store.render(createTaxId(core, customer.id, p.type, p.value));
  });

  router.get('/v1/customers/:id/tax_ids', (ctx) => {
    const p = parseFields(paginationFields(), ctx.body);
    const customer = store.find('customer', ctx.route.id, 'customer');
    return paginate(store.all('tax_id', (t) => t.customer === customer.id), p, `/v1/customers/${customer.id}/tax_ids`, 'tax_id', (o) => store.render(o));
  });

  router.get('/v1/customers/:id/tax_ids/:tax', (ctx) => {
    parseFields({}, ctx.body);
    const customer = store.find('customer', ctx.route.id, 'customer');
    const t = store.find('tax_id', ctx.route.tax);
    if (t.customer !== customer.id) throw invalidRequest(`No such tax ID: '${t.id}'`, 'id', 'resource_missing');
    return store.render(t);
  });

  router.del('/v1/customers/:id/tax_ids/:tax', (ctx) => {
    parseFields({}, ctx.body);
    const customer = store.find('customer', ctx.route.id, 'customer');
    const t = store.find('tax_id', ctx.route.tax);
    if (t.customer !== customer.id) throw invalidRequest(`No such tax ID: '${t.id}'`, 'id', 'resource_missing');
    store.markDeleted(t.id);
    core.emit('customer.tax_id.deleted', t);
    return { id: t.id, object: 'tax_id', deleted: true };
  });

  // The top-level Tax ID API (account or customer owners).
  router.get('/v1/tax_ids/:id', (ctx) => {
    parseFields({}, ctx.body);
    return store.render(store.find('tax_id', ctx.route.id));
  });
  router.get('/v1/tax_ids', (ctx) => {
    const p = parseFields({ ...paginationFields(), owner: s.obj({ type: s.req(s.string()), customer: s.string(), account: s.string(), customer_account: s.string() }) }, ctx.body);
    const items = store.all('tax_id', (t) => !p.owner?.customer || t.customer === p.owner.customer);
    return paginate(items, p, '/v1/tax_ids', 'tax_id', (o) => store.render(o));
  });
}
