import { search } from '../search.js';
import type { Core } from '../core.js';
import { invalidRequest, missingParameter } from '../errors.js';
import { matchesRange, paginate } from '../list.js';
import { parseFields, type Params } from '../params.js';
import type { StripeObject } from '../store.js';
import { startSubscription } from '../billing/subscription-billing.js';
import { createFields, listFields } from './subscription-params.js';
import {
  blankSubscription,
  checkPriceUsable,
  intervalOf,
  itemsOf,
  newItem,
  priceForItem,
  registerSubscriptionRenderers,
  syncItemPeriods,
} from './subscription-model.js';
import { mergeMetadata } from './shared.js';
import { registerSubscriptionUpdates } from './subscription-updates.js';

/** A payment method usable by this customer: attached to them. */
export function checkCustomerPaymentMethod(core: Core, customerId: string, id: string, param: string): StripeObject {
  const pm = core.store.get(id);
  if (!pm || pm.object !== 'payment_method' || pm.customer !== customerId)
    throw invalidRequest(
      `The customer does not have a payment method with the ID ${id}. The payment method must be attached to the customer.`,
      param,
      'resource_missing',
    );
  return pm;
}

export function createSubscription(core: Core, p: Params): StripeObject {
  const { store } = core;
  const customer = store.findReferenced('customer', p.customer, 'customer');
  const now = core.nowFor(customer.test_clock);
  if (!p.items || p.items.length === 0) throw missingParameter('items');
  if (p.default_payment_method)
    checkCustomerPaymentMethod(core, customer.id, p.default_payment_method, 'default_payment_method');
  // Resolve and validate all prices before anything is stored.
  const prices = (p.items as Params[]).map((item, i) => priceForItem(core, item, `items[${i}]`));
  // `currency` must be one the prices bill in: without multi-currency prices (refused, see
  // prices.ts) that is their own currency, so a EUR subscription on USD prices is a 400.
  const currency = (p.currency ? String(p.currency).toLowerCase() : prices[0]?.currency) as string;
  const first = intervalOf(prices[0]!);
  prices.forEach((price, i) => {
    checkPriceUsable(price, `items[${i}][price]`, currency);
    const iv = intervalOf(price);
    if (iv.interval !== first.interval || iv.count !== first.count)
      throw invalidRequest(
        'Currency and interval fields must match across all plans on this subscription. Found mismatch in interval field.',
        `items[${i}][price]`,
      );
  });
  const seen = new Set<string>();
  prices.forEach((price, i) => {
    if (seen.has(price.id))
      throw invalidRequest(
        `Cannot add multiple subscription items with the same plan: ${price.id}`,
        `items[${i}][price]`,
      );
    seen.add(price.id);
  });
  const sub = blankSubscription(core, customer, now);
  sub.currency = currency;
  if (p.backdate_start_date !== undefined) {
    if (p.backdate_start_date > now)
      throw invalidRequest('backdate_start_date must be in the past.', 'backdate_start_date');
    sub.start_date = p.backdate_start_date;
  }
  let trialEnd: number | null = null;
  if (p.trial_end !== undefined && p.trial_end !== 'now') {
    if (p.trial_end <= now)
      throw invalidRequest('Invalid timestamp: must be an integer Unix timestamp in the future.', 'trial_end');
    trialEnd = p.trial_end;
  } else if (p.trial_period_days) trialEnd = now + p.trial_period_days * 86400;
  else if (p.trial_from_plan) {
    const days = prices[0]?.recurring?.trial_period_days;
    if (days) trialEnd = now + days * 86400;
  }
  if (trialEnd !== null) {
    sub.trial_start = now;
    sub.trial_end = trialEnd;
    sub.billing_cycle_anchor = trialEnd;
  }
  if (p.billing_cycle_anchor !== undefined) {
    if (p.billing_cycle_anchor < now)
      throw invalidRequest('billing_cycle_anchor cannot be in the past.', 'billing_cycle_anchor');
    if (trialEnd !== null && p.billing_cycle_anchor !== trialEnd)
      throw invalidRequest('When `trial_end` is set, `billing_cycle_anchor` must equal it.', 'billing_cycle_anchor');
    sub.billing_cycle_anchor = p.billing_cycle_anchor;
  }
  if (p.cancel_at !== undefined && typeof p.cancel_at === 'number') {
    if (p.cancel_at <= now) throw invalidRequest('cancel_at must be in the future.', 'cancel_at');
    sub.cancel_at = p.cancel_at;
  }
  sub.cancel_at_period_end = p.cancel_at_period_end ?? false;
  if (p.collection_method) sub.collection_method = p.collection_method;
  if (sub.collection_method === 'send_invoice') sub.days_until_due = p.days_until_due ?? 30;
  else if (p.days_until_due !== undefined)
    throw invalidRequest(
      '`days_until_due` can only be set when `collection_method` is `send_invoice`.',
      'days_until_due',
    );
  if (p.default_payment_method) sub.default_payment_method = p.default_payment_method;
  if (p.description !== undefined) sub.description = p.description || null;
  sub.metadata = mergeMetadata({}, p.metadata);
  if (p.payment_settings?.save_default_payment_method)
    sub.payment_settings.save_default_payment_method = p.payment_settings.save_default_payment_method;
  if (p.trial_settings)
    sub.trial_settings = {
      end_behavior: {
        billing_cycle_anchor: null,
        missing_payment_method: p.trial_settings.end_behavior.missing_payment_method,
      },
    };
  const items = (p.items as Params[]).map((item, i) => newItem(core, sub.id, prices[i]!, item, now));
  return startSubscription(core, sub, items, {
    paymentBehavior: p.payment_behavior ?? 'allow_incomplete',
    prorationBehavior: p.proration_behavior ?? 'create_prorations',
    discounts: p.discounts,
    addInvoiceItems: p.add_invoice_items,
    offSession: p.off_session ?? false,
  });
}

export function registerSubscriptions(core: Core): void {
  const { router, store } = core;
  registerSubscriptionRenderers(core);

  router.post('/v1/subscriptions', (ctx) =>
    store.render(createSubscription(core, parseFields(createFields, ctx.body))),
  );

  router.get('/v1/subscriptions/search', (ctx) => search(core, 'subscription', ctx.body, '/v1/subscriptions/search'));

  router.get('/v1/subscriptions/:id', (ctx) => {
    parseFields({}, ctx.body);
    return store.render(store.find('subscription', ctx.route.id));
  });

  router.get('/v1/subscriptions', (ctx) => {
    const p = parseFields(listFields, ctx.body);
    if (p.customer) store.findReferenced('customer', p.customer, 'customer');
    const status = p.status as string | undefined;
    const items = store.all('subscription', (sub) => {
      if (p.customer && sub.customer !== p.customer) return false;
      if (p.test_clock && sub.test_clock !== p.test_clock) return false;
      if (p.collection_method && sub.collection_method !== p.collection_method) return false;
      // Without a status filter Stripe hides canceled subscriptions.
      if (status === undefined && (sub.status === 'canceled' || sub.status === 'incomplete_expired')) return false;
      if (status === 'ended' && sub.status !== 'canceled' && sub.status !== 'incomplete_expired') return false;
      if (status !== undefined && status !== 'all' && status !== 'ended' && sub.status !== status) return false;
      const items = itemsOf(core, sub.id);
      const price = p.price ?? p.plan;
      if (price && !items.some((si) => si.price === price)) return false;
      if (!matchesRange(sub.created, p.created)) return false;
      if (
        p.current_period_end !== undefined &&
        !items.some((si) => matchesRange(si.current_period_end, p.current_period_end))
      )
        return false;
      if (
        p.current_period_start !== undefined &&
        !items.some((si) => matchesRange(si.current_period_start, p.current_period_start))
      )
        return false;
      return true;
    });
    return paginate(items, p, '/v1/subscriptions', 'subscription', (o) => store.render(o));
  });

  registerSubscriptionUpdates(core);
}

export { syncItemPeriods };
