import type { Core } from '../core.js';
import {
  invalidRequest,
  missingParameter,
  referenceMissing,
  resourceMissing,
  unsupportedParameter,
} from '../errors.js';
import { newId } from '../ids.js';
import { paginate } from '../list.js';
import { paginationFields, parseFields, s, type Params } from '../params.js';
import { sdkEnumValues } from '../sdk-params/enums.js';
import type { StripeObject } from '../store.js';
import { TAX_ID_FORMATS, euVatCountry } from '../billing/tax-id-formats.js';

/** Who a tax ID belongs to: a customer, or the account itself (`self`, shown on its invoices). */
export type TaxIdOwner = { type: 'customer'; customer: string } | { type: 'self' };

/**
 * Validates the type against Stripe's list (the SDK's `TaxIdCreateParams.Type`) and the value's
 * format where the emulator knows it, then stores the tax ID. `param` names the value's field.
 */
export function createTaxId(
  core: Core,
  owner: TaxIdOwner | string,
  type: string,
  rawValue: string,
  param = 'value',
): StripeObject {
  const who: TaxIdOwner = typeof owner === 'string' ? { type: 'customer', customer: owner } : owner;
  const typeParam = param.replace(/value(\]?)$/, 'type$1');
  const types = sdkEnumValues('TaxIdCreateParams.Type');
  if (!types.has(type))
    throw invalidRequest(`Invalid ${typeParam}: must be one of ${[...types].join(', ')}`, typeParam);
  const format = TAX_ID_FORMATS[type];
  const value = rawValue.trim();
  if (format && !format.pattern.test(value))
    throw invalidRequest(
      `Invalid value for ${type}: ${value}. A valid ${type} looks like ${format.example}.`,
      param,
      'tax_id_invalid',
    );
  const country = type === 'eu_vat' ? euVatCountry(value) : (format?.country ?? countryOfType(type));
  const customer = who.type === 'customer' ? who.customer : null;
  const taxId: StripeObject = {
    id: newId('txi'),
    object: 'tax_id',
    country,
    created: core.now(),
    customer,
    customer_account: null,
    livemode: false,
    owner: customer ? { customer, customer_account: null, type: 'customer' } : { customer_account: null, type: 'self' },
    type,
    value,
    verification: { status: format?.verifies ? 'pending' : 'unavailable', verified_address: null, verified_name: null },
  };
  core.store.put(taxId);
  // Stripe has events for customers' tax IDs only; the account's own have none.
  if (customer) core.emit('customer.tax_id.created', taxId);
  return taxId;
}

/** `de_stn` → DE; `eu_oss_vat` names no single country. */
const countryOfType = (type: string): string | null => (type.startsWith('eu_') ? null : type.slice(0, 2).toUpperCase());

/**
 * Stripe verifies EU/GB/AU numbers asynchronously. Here pending IDs settle on the next request:
 * values containing `111111111` (Stripe's "unverified" test pattern) fail, others pass.
 */
function settleVerifications(core: Core): void {
  for (const t of core.store.all('tax_id', (x) => x.verification?.status === 'pending')) {
    const prev = { verification: { ...t.verification } };
    const ok = !String(t.value).includes('111111111');
    t.verification = {
      status: ok ? 'verified' : 'unverified',
      verified_address: ok ? 'Registered address on file' : null,
      verified_name: ok ? 'Registered business name' : null,
    };
    if (t.customer) core.emit('customer.tax_id.updated', t, prev);
  }
}

export function registerTaxIds(core: Core): void {
  const { router, store } = core;
  core.internal.on('request.received', () => settleVerifications(core));

  router.post('/v1/customers/:id/tax_ids', (ctx) => {
    const p = parseFields({ type: s.req(s.string()), value: s.req(s.string()) }, ctx.body);
    const customer = store.find('customer', ctx.route.id, 'customer');
    if (store.all('tax_id', (t) => t.customer === customer.id).length >= 25)
      throw invalidRequest('A customer can have at most 25 tax IDs.', 'value');
    return store.render(createTaxId(core, customer.id, p.type, p.value));
  });

  router.get('/v1/customers/:id/tax_ids', (ctx) => {
    const p = parseFields(paginationFields(), ctx.body);
    const customer = store.find('customer', ctx.route.id, 'customer');
    return paginate(
      store.all('tax_id', (t) => t.customer === customer.id),
      p,
      `/v1/customers/${customer.id}/tax_ids`,
      'tax_id',
      (o) => store.render(o),
    );
  });

  router.get('/v1/customers/:id/tax_ids/:tax', (ctx) => {
    parseFields({}, ctx.body);
    const customer = store.find('customer', ctx.route.id, 'customer');
    const t = store.find('tax_id', ctx.route.tax);
    if (t.customer !== customer.id) throw resourceMissing('tax_id', t.id);
    return store.render(t);
  });

  router.del('/v1/customers/:id/tax_ids/:tax', (ctx) => {
    parseFields({}, ctx.body);
    const customer = store.find('customer', ctx.route.id, 'customer');
    const t = store.find('tax_id', ctx.route.tax);
    if (t.customer !== customer.id) throw resourceMissing('tax_id', t.id);
    store.markDeleted(t.id);
    core.emit('customer.tax_id.deleted', t);
    return { id: t.id, object: 'tax_id', deleted: true };
  });

  // The top-level Tax ID API: the account's own IDs (`owner.type = self`) and customers' IDs.
  // No `customer_account`: Accounts v2 are not emulated, so it answers emulator_unsupported_parameter.
  const ownerSpec = s.obj({
    type: s.req(s.enum('account', 'application', 'customer', 'self')),
    account: s.string(),
    customer: s.string(),
  });
  const readOwner = (owner: Params | undefined): TaxIdOwner => {
    if (!owner || owner.type === 'self') return { type: 'self' };
    if (owner.type === 'customer') {
      if (!owner.customer) throw missingParameter('owner[customer]');
      return { type: 'customer', customer: store.findReferenced('customer', owner.customer, 'owner[customer]').id };
    }
    // Connect accounts and applications are not emulated, so none exists to own a tax ID.
    if (owner.type === 'account')
      throw owner.account
        ? referenceMissing('account', owner.account, 'owner[account]')
        : missingParameter('owner[account]');
    throw unsupportedParameter('owner[type]');
  };
  const ownedBy = (t: StripeObject, owner: TaxIdOwner) =>
    owner.type === 'self' ? t.owner?.type === 'self' : t.customer === owner.customer;

  router.post('/v1/tax_ids', (ctx) => {
    const p = parseFields({ type: s.req(s.string()), value: s.req(s.string()), owner: ownerSpec }, ctx.body);
    const owner = readOwner(p.owner);
    if (store.all('tax_id', (t) => ownedBy(t, owner)).length >= 25)
      throw invalidRequest(
        `${owner.type === 'self' ? 'An account' : 'A customer'} can have at most 25 tax IDs.`,
        'value',
      );
    return store.render(createTaxId(core, owner, p.type, p.value));
  });
  router.get('/v1/tax_ids/:id', (ctx) => {
    parseFields({}, ctx.body);
    return store.render(store.find('tax_id', ctx.route.id));
  });
  router.del('/v1/tax_ids/:id', (ctx) => {
    parseFields({}, ctx.body);
    const t = store.find('tax_id', ctx.route.id);
    store.markDeleted(t.id);
    if (t.customer) core.emit('customer.tax_id.deleted', t);
    return { id: t.id, object: 'tax_id', deleted: true };
  });
  router.get('/v1/tax_ids', (ctx) => {
    const p = parseFields({ ...paginationFields(), owner: ownerSpec }, ctx.body);
    // Without `owner`, Stripe lists the account's own tax IDs.
    const owner = readOwner(p.owner);
    return paginate(
      store.all('tax_id', (t) => ownedBy(t, owner)),
      p,
      '/v1/tax_ids',
      'tax_id',
      (o) => store.render(o),
    );
  });
}
