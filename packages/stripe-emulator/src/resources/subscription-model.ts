import type { Core } from '../core.js';
import { invalidRequest, missingParameter } from '../errors.js';
import { newId } from '../ids.js';
import type { Params } from '../params.js';
import type { StripeObject } from '../store.js';
import { addIntervals, periodAround, type Interval } from '../billing/periods.js';
import { createPrice, planFromPrice } from './prices.js';
import { mergeMetadata } from './shared.js';

/** Items of a subscription in creation order (how Stripe lists them). */
export function itemsOf(core: Core, subId: string): StripeObject[] {
  return core.store.all('subscription_item', (si) => si.subscription === subId).reverse();
}

export function registerSubscriptionRenderers(core: Core): void {
  const { store } = core;
  store.registerRenderer('subscription_item', (si) => {
    const price = store.getAny(si.price);
    if (price) {
      si.price = store.render(price);
      si.plan = planFromPrice(si.price);
    }
    return si;
  });
  store.registerRenderer('subscription', (sub) => {
    const items = itemsOf(core, sub.id).map((si) => store.render(si));
    return {
      ...sub,
      items: { object: 'list', data: items, has_more: false, url: `/v1/subscription_items?subscription=${sub.id}` },
    };
  });
}

/** The price an item param points at, creating an inline `price_data` price when given. */
export function priceForItem(core: Core, item: Params, param: string): StripeObject {
  if (item.price && item.price_data)
    throw invalidRequest('You may only specify one of these parameters: price, price_data.', `${param}[price]`);
  if (item.price) return core.store.findReferenced('price', item.price, `${param}[price]`);
  if (item.plan) return core.store.findReferenced('price', item.plan, `${param}[plan]`);
  if (item.price_data) {
    const pd = item.price_data;
    const price = createPrice(core, { ...pd, metadata: undefined }, `${param}[price_data]`);
    // Inline prices are not reusable in Stripe's dashboard; they stay archived.
    price.active = false;
    return price;
  }
  throw missingParameter(`${param}[price]`);
}

export function checkPriceUsable(price: StripeObject, param: string, currency?: string): void {
  if (!price.recurring)
    throw invalidRequest(
      `The price specified is set to \`type=one_time\` but this field only accepts prices with \`type=recurring\`.`,
      param,
    );
  if (!price.active)
    throw invalidRequest(`The price specified is inactive. This field only accepts active prices.`, param);
  if (currency && price.currency !== currency)
    throw invalidRequest(
      `Currency and interval fields must match across all plans on this subscription. Found mismatch in currency field.`,
      param,
    );
}

export function intervalOf(price: StripeObject): { interval: Interval; count: number } {
  return { interval: price.recurring?.interval ?? 'month', count: price.recurring?.interval_count ?? 1 };
}

export function newItem(core: Core, subId: string, price: StripeObject, p: Params, created: number): StripeObject {
  const metered = price.recurring?.usage_type === 'metered';
  if (metered && p.quantity !== undefined)
    throw invalidRequest(
      'Quantity should not be specified where usage_type is `metered`. Remove quantity from the request.',
      'quantity',
    );
  const item: StripeObject = {
    id: newId('si'),
    object: 'subscription_item',
    billing_thresholds: null,
    created,
    current_period_end: 0,
    current_period_start: 0,
    current_trial: null,
    discounts: [],
    metadata: mergeMetadata({}, p.metadata),
    plan: price.id,
    price: price.id,
    subscription: subId,
    tax_rates: [],
  };
  if (!metered) item.quantity = p.quantity ?? 1;
  return item;
}

/** Sets every item's current period from the subscription's anchor (classic billing mode). */
export function syncItemPeriods(core: Core, sub: StripeObject, at: number): void {
  for (const si of itemsOf(core, sub.id)) {
    const price = core.store.getAny(si.price);
    if (!price) continue;
    if (sub.status === 'trialing' && sub.trial_end && at < sub.trial_end) {
      si.current_period_start = sub.trial_start ?? sub.start_date;
      si.current_period_end = sub.trial_end;
      continue;
    }
    const { interval, count } = intervalOf(price);
    const p = periodAround(sub.billing_cycle_anchor, interval, count, at);
    si.current_period_start = Math.max(p.start, at < sub.billing_cycle_anchor ? sub.start_date : p.start);
    si.current_period_end = p.end;
  }
}

export function periodEndOf(core: Core, sub: StripeObject): number {
  return Math.max(0, ...itemsOf(core, sub.id).map((si) => si.current_period_end as number));
}

export function periodStartOf(core: Core, sub: StripeObject): number {
  const starts = itemsOf(core, sub.id).map((si) => si.current_period_start as number);
  return starts.length ? Math.min(...starts) : sub.start_date;
}

export function nextPeriodEnd(sub: StripeObject, price: StripeObject, from: number): number {
  const { interval, count } = intervalOf(price);
  return addIntervals(from, interval, count, 1);
}

export function blankSubscription(core: Core, customer: StripeObject, now: number): StripeObject {
  return {
    id: newId('sub'),
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: now,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: null, type: 'classic' },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
    collection_method: 'charge_automatically',
    created: now,
    currency: 'usd',
    customer: customer.id,
    customer_account: null,
    days_until_due: null,
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    ended_at: null,
    invoice_settings: {
      account_tax_ids: null,
      custom_fields: null,
      description: null,
      footer: null,
      issuer: { type: 'self' },
    },
    latest_invoice: null,
    livemode: false,
    managed_payments: null,
    metadata: {},
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: 'off' },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: now,
    status: 'incomplete',
    test_clock: customer.test_clock ?? null,
    transfer_data: null,
    trial_end: null,
    trial_settings: { end_behavior: { billing_cycle_anchor: null, missing_payment_method: 'create_invoice' } },
    trial_start: null,
  };
}
