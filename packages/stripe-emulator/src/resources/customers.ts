import type { Core } from '../core.js';
import { recordBalanceChange } from './customer-balance.js';
import { invalidRequest, unsupportedParameter } from '../errors.js';
import { newId, randomToken } from '../ids.js';
import { matchesRange, paginate } from '../list.js';
import { address, paginationFields, parseFields, s, type Params } from '../params.js';
import type { StripeObject } from '../store.js';
import { search } from '../search.js';
import { attachPaymentMethod, resolvePaymentMethod } from './payment-methods.js';
import { createTaxId } from './tax-ids.js';
import { fullAddress, mergeAddress, mergeMetadata, nullable } from './shared.js';

const shipping = () => s.emptyable(s.obj({ address: s.req(address()), name: s.req(s.string()), phone: s.string() }));

// Not here, so refused with `emulator_unsupported_parameter`: `cash_balance` (no bank transfers),
// `source` and a non-empty `default_source` (legacy Sources are not emulated), `tax` (no tax
// calculation) and `invoice_settings[rendering_options][template]` (no invoice templates).
const commonFields = {
  address: s.emptyable(address()),
  balance: s.int(),
  business_name: s.emptyable(s.string({ maxLength: 150 })),
  description: s.emptyable(s.string()),
  email: s.emptyable(s.string({ maxLength: 512 })),
  individual_name: s.emptyable(s.string({ maxLength: 150 })),
  invoice_prefix: s.emptyable(s.string()),
  invoice_settings: s.obj({
    custom_fields: s.emptyable(
      s.array(s.obj({ name: s.req(s.string({ maxLength: 40 })), value: s.req(s.string({ maxLength: 140 })) })),
    ),
    default_payment_method: s.emptyable(s.string()),
    footer: s.emptyable(s.string({ maxLength: 5000 })),
    rendering_options: s.emptyable(
      s.obj({ amount_tax_display: s.emptyable(s.enum('exclude_tax', 'include_inclusive_tax')) }),
    ),
  }),
  metadata: s.metadata(),
  name: s.emptyable(s.string({ maxLength: 256 })),
  next_invoice_sequence: s.int({ min: 1 }),
  phone: s.emptyable(s.string({ maxLength: 20 })),
  preferred_locales: s.emptyable(s.array(s.string())),
  shipping: shipping(),
  tax_exempt: s.emptyable(s.enum('exempt', 'none', 'reverse')),
};

const createFields = {
  ...commonFields,
  payment_method: s.string(),
  tax_id_data: s.array(s.obj({ type: s.req(s.string()), value: s.req(s.string()) })),
  test_clock: s.string(),
};

// Clearing `default_source` is honoured (it is always null here); setting one is refused.
const updateFields = { ...commonFields, default_source: s.emptyable(s.string()) };

function toShipping(p: Params | '' | undefined): StripeObject['shipping'] {
  if (p === undefined || p === '') return null;
  return {
    address: fullAddress(p.address),
    carrier: null,
    name: p.name,
    phone: p.phone ?? null,
    tracking_number: null,
  };
}

function checkDefaultPaymentMethod(core: Core, customerId: string, id: string): void {
  const pm = core.store.get(id);
  if (!pm || pm.object !== 'payment_method' || pm.customer !== customerId)
    throw invalidRequest(
      `No such PaymentMethod: '${id}'; It's possible this PaymentMethod exists on one of your connected accounts, in which case you should retry this request on that connected account.`,
      'invoice_settings[default_payment_method]',
      'resource_missing',
    );
}

function applyCommon(core: Core, c: StripeObject, p: Params, prev: Record<string, unknown>, creating = false): void {
  const set = (key: string, value: unknown) => {
    if (JSON.stringify(c[key]) !== JSON.stringify(value)) prev[key] = c[key];
    c[key] = value;
  };
  if (p.address !== undefined) set('address', mergeAddress(c.address, p.address));
  if (p.balance !== undefined && p.balance !== (c.balance ?? 0)) {
    prev.balance = c.balance;
    // Every balance change leaves a balance transaction, as with Stripe (`initial` on creation).
    recordBalanceChange(core, c, { amount: p.balance - (c.balance ?? 0), type: creating ? 'initial' : 'adjustment' });
  }
  for (const k of ['description', 'email', 'name', 'phone', 'business_name', 'individual_name'] as const)
    if (p[k] !== undefined) set(k, nullable(p[k], null));
  if (p.invoice_prefix !== undefined) {
    if (p.invoice_prefix !== '' && !/^[A-Z0-9]{3,12}$/.test(p.invoice_prefix))
      throw invalidRequest('Invoice prefix must be 3-12 uppercase letters or numbers.', 'invoice_prefix');
    set('invoice_prefix', p.invoice_prefix || randomToken(8).toUpperCase());
  }
  if (p.metadata !== undefined) set('metadata', mergeMetadata(c.metadata, p.metadata));
  if (p.next_invoice_sequence !== undefined) set('next_invoice_sequence', p.next_invoice_sequence);
  if (p.preferred_locales !== undefined)
    set('preferred_locales', p.preferred_locales === '' ? [] : p.preferred_locales);
  if (p.shipping !== undefined) set('shipping', toShipping(p.shipping));
  if (p.tax_exempt !== undefined) set('tax_exempt', p.tax_exempt || 'none');
  if (p.invoice_settings) {
    const is = structuredClone(c.invoice_settings);
    const q = p.invoice_settings;
    if (q.default_payment_method !== undefined) {
      if (q.default_payment_method) checkDefaultPaymentMethod(core, c.id, q.default_payment_method);
      is.default_payment_method = q.default_payment_method || null;
    }
    if (q.custom_fields !== undefined) {
      if (q.custom_fields.length > 4)
        throw invalidRequest('You can have at most 4 custom fields.', 'invoice_settings[custom_fields]');
      is.custom_fields = q.custom_fields || null;
    }
    if (q.footer !== undefined) is.footer = q.footer || null;
    if (q.rendering_options !== undefined)
      is.rendering_options =
        q.rendering_options === ''
          ? null
          : { amount_tax_display: q.rendering_options.amount_tax_display || null, template: null };
    set('invoice_settings', is);
  }
}

export function registerCustomers(core: Core): void {
  const { router, store } = core;
  // Lists Stripe only includes when expanded.
  const list = (url: string, data: StripeObject[]) => ({
    object: 'list',
    data: data.map((o) => store.render(o)),
    has_more: false,
    url,
  });
  core.includables.set('customer', {
    tax_ids: (c) =>
      list(
        `/v1/customers/${c.id}/tax_ids`,
        store.all('tax_id', (t) => t.customer === c.id),
      ),
    subscriptions: (c) =>
      list(
        `/v1/customers/${c.id}/subscriptions`,
        store.all(
          'subscription',
          (x) => x.customer === c.id && x.status !== 'canceled' && x.status !== 'incomplete_expired',
        ),
      ),
    sources: (c) => list(`/v1/customers/${c.id}/sources`, []),
    invoice_credit_balance: () => ({}),
  });

  router.post('/v1/customers', (ctx) => {
    const p = parseFields(createFields, ctx.body);
    let testClock: string | null = null;
    if (p.test_clock) testClock = store.findReferenced('test_helpers.test_clock', p.test_clock, 'test_clock').id;
    const c: StripeObject = {
      id: newId('cus'),
      object: 'customer',
      address: null,
      balance: 0,
      created: core.nowFor(testClock),
      currency: null,
      customer_account: null,
      default_source: null,
      delinquent: false,
      description: null,
      discount: null,
      email: null,
      invoice_prefix: randomToken(8).toUpperCase(),
      invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
      livemode: false,
      metadata: {},
      name: null,
      next_invoice_sequence: 1,
      phone: null,
      preferred_locales: [],
      shipping: null,
      tax_exempt: 'none',
      test_clock: testClock,
    };
    // Validate everything that can fail before storing anything (no half-applied creates).
    const pm = p.payment_method ? resolvePaymentMethod(core, p.payment_method) : null;
    const defaultPm = p.invoice_settings?.default_payment_method;
    if (defaultPm && (!pm || pm.id !== defaultPm) && p.payment_method !== defaultPm)
      checkDefaultPaymentMethod(core, c.id, defaultPm);
    const { invoice_settings: invoiceSettings, ...rest } = p;
    applyCommon(core, c, rest, {}, true);
    store.put(c);
    core.emit('customer.created', c);
    if (pm) attachPaymentMethod(core, pm, c.id);
    if (invoiceSettings) {
      if (invoiceSettings.default_payment_method === p.payment_method && pm)
        invoiceSettings.default_payment_method = pm.id;
      applyCommon(core, c, { invoice_settings: invoiceSettings }, {});
    }
    for (const [i, t] of (p.tax_id_data ?? []).entries())
      createTaxId(core, c.id, t.type, t.value, `tax_id_data[${i}][value]`);
    return store.render(c);
  });

  router.get('/v1/customers/:id', (ctx) => {
    parseFields({}, ctx.body);
    const id = ctx.route.id ?? '';
    const any = store.getAny(id);
    if (any?.object === 'customer' && store.isDeleted(id)) return { id, object: 'customer', deleted: true };
    return store.render(store.find('customer', id));
  });

  router.post('/v1/customers/:id', (ctx) => {
    const p = parseFields(updateFields, ctx.body);
    if (p.default_source) throw unsupportedParameter('default_source');
    const c = store.find('customer', ctx.route.id);
    const draft = structuredClone(c);
    const prev: Record<string, unknown> = {};
    applyCommon(core, draft, p, prev);
    Object.assign(c, draft);
    if (Object.keys(prev).length > 0) core.emit('customer.updated', c, prev);
    return store.render(c);
  });

  router.del('/v1/customers/:id', (ctx) => {
    parseFields({}, ctx.body);
    const c = store.find('customer', ctx.route.id);
    // Its subscriptions are canceled first (see the subscriptions module's subscriber).
    core.internal.emit('customer.deleting', c);
    for (const pm of store.all('payment_method', (x) => x.customer === c.id)) pm.customer = null;
    store.markDeleted(c.id);
    core.emit('customer.deleted', c);
    return { id: c.id, object: 'customer', deleted: true };
  });

  router.get('/v1/customers', (ctx) => {
    const p = parseFields(
      { ...paginationFields(), email: s.string({ maxLength: 512 }), test_clock: s.string() },
      ctx.body,
    );
    const items = store.all(
      'customer',
      (c) =>
        (p.email === undefined || c.email === p.email) &&
        (p.test_clock === undefined || c.test_clock === p.test_clock) &&
        matchesRange(c.created, p.created),
    );
    return paginate(items, p, '/v1/customers', 'customer', (o) => store.render(o));
  });

  router.get('/v1/customers/search', (ctx) => search(core, 'customer', ctx.body, '/v1/customers/search'));
}
