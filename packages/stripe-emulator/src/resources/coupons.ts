import type { Core } from '../core.js';
import { invalidRequest, missingParameter } from '../errors.js';
import { newId, randomToken } from '../ids.js';
import { matchesRange, paginate } from '../list.js';
import { paginationFields, parseFields, s } from '../params.js';
import type { StripeObject } from '../store.js';
import { mergeMetadata } from './shared.js';

/**
 * Coupons and promotion codes. Refused with `emulator_unsupported_parameter` because nothing would
 * honour them: `currency_options` (coupons, promotion-code restrictions; multi-currency billing is
 * not emulated, as for prices) and `customer_account` (no Accounts v2).
 */
export function registerCoupons(core: Core): void {
  const { router, store } = core;
  core.includables.set('coupon', { applies_to: (c) => store.getAny(c.id)?._applies_to ?? { products: [] } });

  router.post('/v1/coupons', (ctx) => {
    const p = parseFields(
      {
        amount_off: s.int({ min: 1 }),
        applies_to: s.obj({ products: s.array(s.string()) }),
        currency: s.string(),
        duration: s.enum('forever', 'once', 'repeating'),
        duration_in_months: s.int({ min: 1 }),
        id: s.string(),
        max_redemptions: s.int({ min: 1 }),
        metadata: s.metadata(),
        name: s.string({ maxLength: 40 }),
        percent_off: s.number(),
        redeem_by: s.int(),
      },
      ctx.body,
    );
    if (p.amount_off === undefined && p.percent_off === undefined)
      throw invalidRequest('You must pass either `amount_off` or `percent_off`.', 'amount_off');
    if (p.amount_off !== undefined && p.percent_off !== undefined)
      throw invalidRequest('You may only specify one of these parameters: amount_off, percent_off.', 'amount_off');
    if (p.percent_off !== undefined && (p.percent_off <= 0 || p.percent_off > 100))
      throw invalidRequest('Percent off must be between 0 and 100.', 'percent_off');
    if (p.amount_off !== undefined && !p.currency) throw missingParameter('currency');
    const duration = p.duration ?? 'once';
    if (duration === 'repeating' && !p.duration_in_months) throw missingParameter('duration_in_months');
    if (duration !== 'repeating' && p.duration_in_months !== undefined)
      throw invalidRequest('`duration_in_months` is only allowed with `duration=repeating`.', 'duration_in_months');
    if (p.id && store.getAny(p.id)) throw invalidRequest('Coupon already exists.', 'id', 'resource_already_exists');
    (p.applies_to?.products ?? []).forEach((id: string, i: number) =>
      store.findReferenced('product', id, `applies_to[products][${i}]`),
    );
    const coupon: StripeObject = {
      id: p.id ?? randomToken(8),
      object: 'coupon',
      amount_off: p.amount_off ?? null,
      created: core.now(),
      currency: p.currency ? String(p.currency).toLowerCase() : null,
      duration,
      duration_in_months: p.duration_in_months ?? null,
      livemode: false,
      max_redemptions: p.max_redemptions ?? null,
      metadata: mergeMetadata({}, p.metadata),
      name: p.name ?? null,
      percent_off: p.percent_off ?? null,
      redeem_by: p.redeem_by ?? null,
      times_redeemed: 0,
      valid: true,
      _applies_to: p.applies_to ? { products: p.applies_to.products ?? [] } : undefined,
    };
    if (!coupon._applies_to) delete coupon._applies_to;
    store.put(coupon);
    core.emit('coupon.created', coupon);
    return store.render(coupon);
  });

  router.get('/v1/coupons/:id', (ctx) => {
    parseFields({}, ctx.body);
    return store.render(store.find('coupon', ctx.route.id));
  });

  router.post('/v1/coupons/:id', (ctx) => {
    const p = parseFields({ metadata: s.metadata(), name: s.emptyable(s.string({ maxLength: 40 })) }, ctx.body);
    const coupon = store.find('coupon', ctx.route.id);
    const prev = { metadata: coupon.metadata, name: coupon.name };
    if (p.metadata !== undefined) coupon.metadata = mergeMetadata(coupon.metadata, p.metadata);
    if (p.name !== undefined) coupon.name = p.name || null;
    core.emit('coupon.updated', coupon, prev);
    return store.render(coupon);
  });

  router.del('/v1/coupons/:id', (ctx) => {
    parseFields({}, ctx.body);
    const coupon = store.find('coupon', ctx.route.id);
    store.markDeleted(coupon.id);
    core.emit('coupon.deleted', coupon);
    return { id: coupon.id, object: 'coupon', deleted: true };
  });

  router.get('/v1/coupons', (ctx) => {
    const p = parseFields(paginationFields(), ctx.body);
    return paginate(
      store.all('coupon', (c) => matchesRange(c.created, p.created)),
      p,
      '/v1/coupons',
      'coupon',
      (o) => store.render(o),
    );
  });

  router.post('/v1/promotion_codes', (ctx) => {
    const p = parseFields(
      {
        promotion: s.req(s.obj({ coupon: s.string(), type: s.req(s.enum('coupon')) })),
        active: s.bool(),
        code: s.string({ maxLength: 500 }),
        customer: s.string(),
        expires_at: s.int(),
        max_redemptions: s.int({ min: 1 }),
        metadata: s.metadata(),
        restrictions: s.obj({
          first_time_transaction: s.bool(),
          minimum_amount: s.int({ min: 0 }),
          minimum_amount_currency: s.string(),
        }),
      },
      ctx.body,
    );
    const r = p.restrictions ?? {};
    // A minimum amount means nothing without its currency (Stripe requires the pair).
    if (r.minimum_amount !== undefined && !r.minimum_amount_currency)
      throw missingParameter('restrictions[minimum_amount_currency]');
    if (r.minimum_amount_currency !== undefined && r.minimum_amount === undefined)
      throw missingParameter('restrictions[minimum_amount]');
    if (!p.promotion.coupon) throw missingParameter('promotion[coupon]');
    const coupon = store.findReferenced('coupon', p.promotion.coupon, 'promotion[coupon]');
    if (p.customer) store.findReferenced('customer', p.customer, 'customer');
    const code = p.code ?? randomToken(8).toUpperCase();
    if (!/^[A-Za-z0-9_-]+$/.test(code))
      throw invalidRequest('Promotion codes can only contain letters, numbers, hyphens and underscores.', 'code');
    if (store.all('promotion_code', (x) => x.active && String(x.code).toLowerCase() === code.toLowerCase()).length > 0)
      throw invalidRequest('An active promotion code with `code` already exists.', 'code');
    const promo: StripeObject = {
      id: newId('promo'),
      object: 'promotion_code',
      active: p.active ?? true,
      code,
      created: core.now(),
      customer: p.customer ?? null,
      customer_account: null,
      expires_at: p.expires_at ?? null,
      livemode: false,
      max_redemptions: p.max_redemptions ?? null,
      metadata: mergeMetadata({}, p.metadata),
      promotion: { coupon: coupon.id, type: 'coupon' },
      restrictions: {
        first_time_transaction: p.restrictions?.first_time_transaction ?? false,
        minimum_amount: p.restrictions?.minimum_amount ?? null,
        minimum_amount_currency: p.restrictions?.minimum_amount_currency?.toLowerCase() ?? null,
      },
      times_redeemed: 0,
    };
    store.put(promo);
    core.emit('promotion_code.created', promo);
    return store.render(promo);
  });

  router.get('/v1/promotion_codes/:id', (ctx) => {
    parseFields({}, ctx.body);
    return store.render(store.find('promotion_code', ctx.route.id));
  });

  router.post('/v1/promotion_codes/:id', (ctx) => {
    // `restrictions` on update only carries `currency_options`, which is refused like everywhere else.
    const p = parseFields({ active: s.bool(), metadata: s.metadata() }, ctx.body);
    const promo = store.find('promotion_code', ctx.route.id);
    const prev = { active: promo.active, metadata: promo.metadata };
    if (p.active !== undefined) promo.active = p.active;
    if (p.metadata !== undefined) promo.metadata = mergeMetadata(promo.metadata, p.metadata);
    core.emit('promotion_code.updated', promo, prev);
    return store.render(promo);
  });

  router.get('/v1/promotion_codes', (ctx) => {
    const p = parseFields(
      { ...paginationFields(), active: s.bool(), code: s.string(), coupon: s.string(), customer: s.string() },
      ctx.body,
    );
    const items = store.all(
      'promotion_code',
      (x) =>
        (p.active === undefined || x.active === p.active) &&
        (p.code === undefined || String(x.code).toLowerCase() === p.code.toLowerCase()) &&
        (p.coupon === undefined || x.promotion.coupon === p.coupon) &&
        (p.customer === undefined || x.customer === p.customer) &&
        matchesRange(x.created, p.created),
    );
    return paginate(items, p, '/v1/promotion_codes', 'promotion_code', (o) => store.render(o));
  });
}
