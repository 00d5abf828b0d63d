import type { Core } from '../core.js';
import { invalidRequest } from '../errors.js';
import { checkFlowFeature } from '../resources/portal-features.js';
import type { StripeObject } from '../store.js';
import { intervalOf, itemsOf, periodEndOf } from '../resources/subscription-model.js';

interface ConfirmItem {
  id: string | null;
  price: string | null;
  quantity?: number;
}

const param = (i: number, field: string) => `flow_data[subscription_update_confirm][items][${i}][${field}]`;
const days = { day: 1, week: 7, month: 30, year: 365 } as Record<string, number>;
const lengthOf = (price: StripeObject) => (days[intervalOf(price).interval] ?? 30) * intervalOf(price).count;
const perDay = (price: StripeObject, quantity: number) => ((price.unit_amount ?? 0) * quantity) / lengthOf(price);

/**
 * A `subscription_update_confirm` deep link, held to the configuration's limits as Stripe's hosted
 * portal holds it (issue 15, item 2): only prices the configuration offers, and quantities only
 * where the product's quantity is adjustable, within its minimum and maximum. Checked when the
 * session is made and again when the customer confirms (the subscription may have changed).
 * A configuration without subscription updates allows no confirm deep link at all.
 */
export function checkUpdateConfirm(
  core: Core,
  config: StripeObject,
  sub: StripeObject,
  items: ConfirmItem[],
  discounts?: unknown[] | null,
): void {
  checkFlowFeature(config, 'subscription_update_confirm');
  const su = config.features.subscription_update;
  const current = itemsOf(core, sub.id);
  const allowed = (su.default_allowed_updates ?? []) as string[];
  if (discounts && discounts.length > 0 && !allowed.includes('promotion_code'))
    throw invalidRequest(
      'This portal configuration does not allow promotion codes.',
      'flow_data[subscription_update_confirm][discounts]',
    );
  items.forEach((item, i) => {
    const existing = item.id ? current.find((si) => si.id === item.id) : undefined;
    if (item.id && !existing)
      throw invalidRequest(
        `The subscription item ${item.id} does not belong to the subscription ${sub.id}.`,
        param(i, 'id'),
      );
    // `default_allowed_updates` lists what a customer may change at all: the price, the quantity.
    if (item.price && item.price !== existing?.price && !allowed.includes('price'))
      throw invalidRequest('This portal configuration does not allow changing the price.', param(i, 'price'));
    if (item.quantity !== undefined && item.quantity !== (existing?.quantity ?? 1) && !allowed.includes('quantity'))
      throw invalidRequest('This portal configuration does not allow changing the quantity.', param(i, 'quantity'));
    const priceId = item.price ?? existing?.price;
    const price = core.store.findReferenced('price', priceId, param(i, 'price'));
    const offer = (su.products as StripeObject[]).find((p) => p.prices.includes(price.id));
    if (!offer)
      throw invalidRequest(
        `The price ${price.id} is not one of the prices this portal configuration allows.`,
        param(i, 'price'),
      );
    if (item.quantity === undefined) return;
    const aq = offer.adjustable_quantity;
    if (!aq?.enabled) {
      if (item.quantity !== (existing?.quantity ?? 1))
        throw invalidRequest(
          `The quantity of ${offer.product} cannot be changed in this portal configuration.`,
          param(i, 'quantity'),
        );
      return;
    }
    const min = aq.minimum ?? 0;
    const max = aq.maximum ?? Number.MAX_SAFE_INTEGER;
    if (item.quantity < min || item.quantity > max)
      throw invalidRequest(`The quantity must be between ${min} and ${max}.`, param(i, 'quantity'));
  });
}

/**
 * Whether the configuration books this change for the period end: `decreasing_item_amount` (the
 * items cost less per day afterwards) or `shortening_interval` (a shorter billing interval).
 */
export function scheduledAtPeriodEnd(
  core: Core,
  config: StripeObject,
  sub: StripeObject,
  items: ConfirmItem[],
): boolean {
  const conditions = (
    (config.features.subscription_update?.schedule_at_period_end?.conditions ?? []) as StripeObject[]
  ).map((c) => c.type);
  if (conditions.length === 0) return false;
  const before = itemsOf(core, sub.id).map((si) => ({
    id: si.id as string,
    price: core.store.find('price', si.price),
    quantity: (si.quantity ?? 1) as number,
  }));
  const after = before.map((b) => {
    const change = items.find((i) => i.id === b.id);
    return {
      ...b,
      price: change?.price ? core.store.find('price', change.price) : b.price,
      quantity: change?.quantity ?? b.quantity,
    };
  });
  const cost = (list: typeof before) => list.reduce((sum, x) => sum + perDay(x.price, x.quantity), 0);
  if (conditions.includes('decreasing_item_amount') && cost(after) < cost(before)) return true;
  return conditions.includes('shortening_interval') && lengthOf(after[0]!.price) < lengthOf(before[0]!.price);
}

/** Books the change for the period end the way Stripe's portal does: a schedule that then releases. */
export function scheduleConfirmedUpdate(core: Core, sub: StripeObject, items: ConfirmItem[]): void {
  const before = itemsOf(core, sub.id).map((si) => ({
    id: si.id as string,
    price: si.price as string,
    quantity: (si.quantity ?? 1) as number,
  }));
  const after = before.map((b) => {
    const change = items.find((i) => i.id === b.id);
    return { price: change?.price ?? b.price, quantity: change?.quantity ?? b.quantity };
  });
  const schedule = core.call('POST', '/v1/subscription_schedules', { from_subscription: sub.id });
  const phase = schedule.phases[0] as StripeObject;
  core.call('POST', `/v1/subscription_schedules/${schedule.id}`, {
    end_behavior: 'release',
    proration_behavior: 'none',
    phases: [
      {
        items: before.map((b) => ({ price: b.price, quantity: b.quantity })),
        start_date: phase.start_date,
        end_date: periodEndOf(core, sub),
      },
      {
        items: after,
        proration_behavior: 'none',
        duration: {
          interval: intervalOf(core.store.find('price', after[0]!.price)).interval,
          interval_count: intervalOf(core.store.find('price', after[0]!.price)).count,
        },
      },
    ],
  });
}

/**
 * The subscription update a confirmed change makes, as the configuration says: its proration
 * behaviour, `billing_cycle_anchor` (`now` restarts the period, `unchanged` keeps it) and, for a
 * subscription in trial, `trial_update_behavior` (`end_trial`, Stripe's default, ends it now).
 */
export function confirmedUpdateParams(
  config: StripeObject,
  sub: StripeObject,
  c: { items: ConfirmItem[]; discounts?: StripeObject[] | null },
): Record<string, unknown> {
  const su = config.features.subscription_update;
  const endsTrial = su.enabled && sub.status === 'trialing' && su.trial_update_behavior !== 'continue_trial';
  return {
    items: c.items.map((i) => ({
      ...(i.id ? { id: i.id } : {}),
      ...(i.price ? { price: i.price } : {}),
      ...(i.quantity !== undefined ? { quantity: i.quantity } : {}),
    })),
    proration_behavior: su.proration_behavior ?? 'create_prorations',
    // Ending a trial restarts the period by itself; Stripe takes no anchor alongside `trial_end`.
    ...(endsTrial
      ? { trial_end: 'now' }
      : su.enabled && su.billing_cycle_anchor === 'now'
        ? { billing_cycle_anchor: 'now' }
        : {}),
    ...(c.discounts
      ? { discounts: c.discounts.map((d) => (d.coupon ? { coupon: d.coupon } : { promotion_code: d.promotion_code })) }
      : {}),
  };
}
