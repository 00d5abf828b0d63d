import type { Core } from '../core.js';
import { cardDeclined, invalidRequest, missingParameter, resourceMissing } from '../errors.js';
import { newId } from '../ids.js';
import { paginate } from '../list.js';
import { address, paginationFields, parseFields, s } from '../params.js';
import type { StripeObject } from '../store.js';
import { cardForNumber, cardForToken, failsOnAttach, chargeOutcome, type TestCard } from '../billing/test-cards.js';
import { fullAddress, mergeMetadata, nullable } from './shared.js';

const billingDetails = () =>
  s.obj({
    address: s.emptyable(address()),
    email: s.emptyable(s.string()),
    name: s.emptyable(s.string()),
    phone: s.emptyable(s.string()),
    tax_id: s.string(),
  });

const redisplay = () => s.enum('always', 'limited', 'unspecified');

// Not listed, so refused with `emulator_unsupported_parameter`: `card[networks]` (co-badged
// network choice is not emulated), `customer` (Connect cloning) and `customer_account`.
const createFields = {
  type: s.string(),
  card: s.obj({ token: s.string(), number: s.string(), exp_month: s.int(), exp_year: s.int(), cvc: s.string() }),
  billing_details: billingDetails(),
  metadata: s.metadata(),
  allow_redisplay: redisplay(),
  payment_method: s.string(),
};

/**
 * `payment_method_data` on an intent: a card token, whose billing details, metadata and
 * `allow_redisplay` land on the payment method it creates. Other types are not emulated.
 */
export const paymentMethodDataSpec = () =>
  s.obj({
    type: s.req(s.string()),
    card: s.obj({ token: s.string() }),
    billing_details: billingDetails(),
    metadata: s.metadata(),
    allow_redisplay: redisplay(),
  });

/** Applies `payment_method_data`'s details to the payment method minted from its token. */
export function applyPaymentMethodData(
  pm: StripeObject,
  data: { billing_details?: StripeObject; metadata?: Record<string, string>; allow_redisplay?: string },
): void {
  if (data.billing_details) {
    const b = data.billing_details;
    pm.billing_details = {
      address: b.address ? fullAddress(b.address) : null,
      email: b.email || null,
      name: b.name || null,
      phone: b.phone || null,
      tax_id: b.tax_id ?? null,
    };
  }
  if (data.metadata) pm.metadata = mergeMetadata(pm.metadata, data.metadata);
  if (data.allow_redisplay) pm.allow_redisplay = data.allow_redisplay;
}

function fingerprint(number: string): string {
  // Stable per card number, as Stripe's fingerprint is.
  let h = 0;
  for (const ch of number) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `fp${h.toString(36)}${number.slice(-4)}`.slice(0, 16);
}

export function buildCardPaymentMethod(
  core: Core,
  c: TestCard,
  opts: {
    expMonth?: number;
    expYear?: number;
    billing?: StripeObject;
    metadata?: Record<string, string>;
    id?: string;
  } = {},
): StripeObject {
  const now = core.now();
  const expYear = opts.expYear ?? new Date(core.nowMs()).getUTCFullYear() + 3;
  return {
    id: opts.id ?? newId('pm'),
    object: 'payment_method',
    allow_redisplay: 'unspecified',
    billing_details: {
      address: fullAddress(opts.billing?.address),
      email: opts.billing?.email || null,
      name: opts.billing?.name || null,
      phone: opts.billing?.phone || null,
      tax_id: opts.billing?.tax_id ?? null,
    },
    card: {
      brand: c.brand,
      checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
      country: c.country,
      display_brand: c.brand === 'amex' ? 'american_express' : c.brand,
      exp_month: opts.expMonth ?? 12,
      exp_year: expYear,
      fingerprint: fingerprint(c.number),
      funding: c.funding,
      generated_from: null,
      last4: c.number.slice(-4),
      networks: { available: [c.brand], preferred: null },
      regulated_status: 'unregulated',
      three_d_secure_usage: { supported: true },
      wallet: null,
    },
    created: now,
    customer: null,
    customer_account: null,
    livemode: false,
    metadata: opts.metadata ?? {},
    type: 'card',
    _card: c,
  };
}

/**
 * A payment method id, or one of Stripe's test tokens (`pm_card_visa`) which mints a fresh one.
 * A missing one named in the URL path is a 404, as a request parameter a 400.
 */
export function resolvePaymentMethod(
  core: Core,
  idOrToken: string,
  param = 'payment_method',
  inPath = false,
): StripeObject {
  const test = cardForToken(idOrToken);
  if (test) return core.store.put(buildCardPaymentMethod(core, test));
  return inPath
    ? core.store.find('payment_method', idOrToken, param)
    : core.store.findReferenced('payment_method', idOrToken, param);
}

export function cardOf(pm: StripeObject): TestCard | undefined {
  return pm._card as TestCard | undefined;
}

export function attachPaymentMethod(core: Core, pm: StripeObject, customerId: string): StripeObject {
  if (pm.customer && pm.customer !== customerId)
    throw invalidRequest('The payment method you provided has already been attached to a customer.');
  const c = cardOf(pm);
  if (c && failsOnAttach(c)) {
    const outcome = chargeOutcome(c, false);
    throw cardDeclined(outcome?.declineCode ?? 'generic_decline', outcome?.message ?? 'Your card was declined.', {
      param: '',
    });
  }
  if (pm.customer === customerId) return pm;
  pm.customer = customerId;
  core.emit('payment_method.attached', pm, { customer: null });
  return pm;
}

export function registerPaymentMethods(core: Core): void {
  const { router, store } = core;

  router.post('/v1/payment_methods', (ctx) => {
    const p = parseFields(createFields, ctx.body);
    if (p.payment_method) {
      // Cloning a customer's payment method (Connect); treat as copying the card.
      const src = resolvePaymentMethod(core, p.payment_method);
      const c = cardOf(src);
      if (!c) throw invalidRequest('Only card payment methods can be cloned.', 'payment_method');
      return store.render(store.put(buildCardPaymentMethod(core, c)));
    }
    if (!p.type) throw missingParameter('type');
    if (p.type !== 'card')
      throw invalidRequest(`The payment method type "${p.type}" is not supported by this emulator.`, 'type');
    if (!p.card) throw missingParameter('card');
    let c: TestCard | undefined;
    if (p.card.token) {
      c = cardForToken(p.card.token);
      if (!c) throw invalidRequest(`No such token: '${p.card.token}'`, 'card[token]', 'resource_missing');
    } else {
      if (!p.card.number) throw missingParameter('card[number]');
      c = cardForNumber(String(p.card.number));
      if (!c) throw cardDeclined('incorrect_number', 'Your card number is incorrect.', { param: 'card[number]' });
      if (p.card.exp_month === undefined) throw missingParameter('card[exp_month]');
      if (p.card.exp_year === undefined) throw missingParameter('card[exp_year]');
      const year = p.card.exp_year < 100 ? 2000 + p.card.exp_year : p.card.exp_year;
      const now = new Date(core.nowMs());
      if (p.card.exp_month < 1 || p.card.exp_month > 12)
        throw cardDeclined('invalid_expiry_month', "Your card's expiration month is invalid.", {
          param: 'card[exp_month]',
          code: 'invalid_expiry_month',
        });
      if (year < now.getUTCFullYear() || (year === now.getUTCFullYear() && p.card.exp_month < now.getUTCMonth() + 1))
        throw cardDeclined('invalid_expiry_year', "Your card's expiration year is invalid.", {
          param: 'card[exp_year]',
          code: 'invalid_expiry_year',
        });
      if (p.card.cvc !== undefined && !/^\d{3,4}$/.test(p.card.cvc))
        throw cardDeclined('invalid_cvc', "Your card's security code is invalid.", {
          param: 'card[cvc]',
          code: 'invalid_cvc',
        });
      const pm = buildCardPaymentMethod(core, c, {
        expMonth: p.card.exp_month,
        expYear: year,
        billing: p.billing_details,
        metadata: mergeMetadata({}, p.metadata),
      });
      if (p.allow_redisplay) pm.allow_redisplay = p.allow_redisplay;
      return store.render(store.put(pm));
    }
    const pm = buildCardPaymentMethod(core, c, { billing: p.billing_details, metadata: mergeMetadata({}, p.metadata) });
    if (p.allow_redisplay) pm.allow_redisplay = p.allow_redisplay;
    return store.render(store.put(pm));
  });

  router.get('/v1/payment_methods/:id', (ctx) => {
    parseFields({}, ctx.body);
    return store.render(resolvePaymentMethod(core, ctx.route.id ?? '', 'payment_method', true));
  });

  router.post('/v1/payment_methods/:id', (ctx) => {
    const p = parseFields(
      {
        billing_details: billingDetails(),
        metadata: s.metadata(),
        allow_redisplay: redisplay(),
        card: s.obj({ exp_month: s.int({ min: 1, max: 12 }), exp_year: s.int() }),
      },
      ctx.body,
    );
    const pm = store.find('payment_method', ctx.route.id, 'payment_method');
    const prev: Record<string, unknown> = {};
    if (p.metadata !== undefined) {
      prev.metadata = pm.metadata;
      pm.metadata = mergeMetadata(pm.metadata, p.metadata);
    }
    if (p.billing_details) {
      prev.billing_details = structuredClone(pm.billing_details);
      const b = p.billing_details;
      const bd = pm.billing_details;
      if (b.address !== undefined)
        bd.address = b.address === '' ? null : { ...(bd.address ?? fullAddress({})), ...b.address };
      for (const k of ['email', 'name', 'phone'] as const) if (b[k] !== undefined) bd[k] = nullable(b[k], null);
      if (b.tax_id !== undefined) bd.tax_id = b.tax_id || null;
    }
    if (p.card && pm.card) {
      if (p.card.exp_month !== undefined) pm.card.exp_month = p.card.exp_month;
      if (p.card.exp_year !== undefined) pm.card.exp_year = p.card.exp_year;
    }
    if (p.allow_redisplay) pm.allow_redisplay = p.allow_redisplay;
    core.emit('payment_method.updated', pm, prev);
    return store.render(pm);
  });

  router.post('/v1/payment_methods/:id/attach', (ctx) => {
    const p = parseFields({ customer: s.req(s.string()) }, ctx.body);
    const customer = store.findReferenced('customer', p.customer, 'customer');
    const pm = resolvePaymentMethod(core, ctx.route.id ?? '', 'payment_method', true);
    return store.render(attachPaymentMethod(core, pm, customer.id));
  });

  router.post('/v1/payment_methods/:id/detach', (ctx) => {
    parseFields({}, ctx.body);
    const pm = store.find('payment_method', ctx.route.id, 'payment_method');
    if (!pm.customer)
      throw invalidRequest(
        'The payment method you provided is not attached to a customer so detachment is impossible.',
        undefined,
        'payment_method_unexpected_state',
      );
    const customerId = pm.customer as string;
    pm.customer = null;
    // A detached method can no longer be anyone's default.
    const customer = store.get(customerId);
    if (customer?.invoice_settings?.default_payment_method === pm.id) {
      customer.invoice_settings.default_payment_method = null;
      core.emit('customer.updated', customer, { invoice_settings: { default_payment_method: pm.id } });
    }
    for (const sub of store.all('subscription', (x) => x.default_payment_method === pm.id))
      sub.default_payment_method = null;
    core.emit('payment_method.detached', pm, { customer: customerId });
    return store.render(pm);
  });

  router.get('/v1/payment_methods', (ctx) => {
    const p = parseFields(
      { ...paginationFields(), customer: s.string(), type: s.string(), allow_redisplay: redisplay() },
      ctx.body,
    );
    if (p.customer) store.findReferenced('customer', p.customer, 'customer');
    const items = store.all(
      'payment_method',
      (pm) =>
        (p.customer ? pm.customer === p.customer : pm.customer !== null) &&
        (!p.type || pm.type === p.type) &&
        (!p.allow_redisplay || pm.allow_redisplay === p.allow_redisplay),
    );
    return paginate(items, p, '/v1/payment_methods', 'payment_method', (o) => store.render(o));
  });

  router.get('/v1/customers/:id/payment_methods', (ctx) => {
    const p = parseFields({ ...paginationFields(), type: s.string(), allow_redisplay: redisplay() }, ctx.body);
    const customer = store.find('customer', ctx.route.id, 'customer');
    const items = store.all(
      'payment_method',
      (pm) =>
        pm.customer === customer.id &&
        (!p.type || pm.type === p.type) &&
        (!p.allow_redisplay || pm.allow_redisplay === p.allow_redisplay),
    );
    return paginate(items, p, `/v1/customers/${customer.id}/payment_methods`, 'payment_method', (o) => store.render(o));
  });

  router.get('/v1/customers/:id/payment_methods/:pm', (ctx) => {
    parseFields({}, ctx.body);
    const customer = store.find('customer', ctx.route.id, 'customer');
    const pm = store.find('payment_method', ctx.route.pm, 'payment_method');
    if (pm.customer !== customer.id) throw resourceMissing('payment_method', pm.id, 'payment_method');
    return store.render(pm);
  });
}
