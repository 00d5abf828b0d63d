import type { Core } from '../core.js';
import { invalidRequest } from '../errors.js';
import { paginate } from '../list.js';
import { paginationFields, parseFields, s } from '../params.js';
import { cancelSubscription } from '../billing/cancel.js';
import { changeSubscription } from '../billing/change.js';
import { applyPendingUpdate, expirePendingUpdate } from '../billing/change-payment.js';
import { reactivateAfterPayment } from '../billing/subscription-billing.js';
import { cancelFields, updateFields, updateItemFields, billingCycleAnchorSpec } from './subscription-params.js';
import { itemsOf, syncItemPeriods } from './subscription-model.js';

export function registerSubscriptionUpdates(core: Core): void {
  const { router, store } = core;
  // A paid invoice applies the update waiting for it (`pending_if_incomplete`), then may end a
  // past-due or incomplete state.
  core.internal.on('invoice.paid', (invoice) => {
    const subId = invoice.parent?.subscription_details?.subscription;
    const sub = subId ? store.get(subId) : undefined;
    if (!sub || invoice.status !== 'paid') return;
    if (sub.pending_update && sub._pending_invoice === invoice.id) applyPendingUpdate(core, sub);
    reactivateAfterPayment(core, sub);
  });
  // Deleting a customer cancels its subscriptions immediately, as Stripe does.
  core.internal.on('customer.deleting', (customer) => {
    for (const sub of store.all(
      'subscription',
      (x) => x.customer === customer.id && x.status !== 'canceled' && x.status !== 'incomplete_expired',
    ))
      cancelSubscription(core, sub, {});
  });
  core.timeSources.push((c, clockId) => {
    const sub = c.store
      .all('subscription', (x) => x.pending_update !== null && (x.test_clock ?? null) === clockId)
      .sort((a, b) => a.pending_update.expires_at - b.pending_update.expires_at)[0];
    return sub ? { at: sub.pending_update.expires_at, run: () => expirePendingUpdate(c, sub) } : null;
  });

  router.post('/v1/subscriptions/:id', (ctx) => {
    const p = parseFields(updateFields, ctx.body);
    const sub = store.find('subscription', ctx.route.id);
    changeSubscription(core, sub, p);
    return store.render(sub);
  });

  router.del('/v1/subscriptions/:id', (ctx) => {
    const p = parseFields(cancelFields, ctx.body);
    const sub = store.find('subscription', ctx.route.id);
    cancelSubscription(core, sub, p);
    return store.render(sub);
  });

  router.del('/v1/subscriptions/:id/discount', (ctx) => {
    parseFields({}, ctx.body);
    const sub = store.find('subscription', ctx.route.id);
    const id = (sub.discounts as string[])[0];
    if (!id) throw invalidRequest('This subscription has no discount.', undefined, 'resource_missing');
    sub.discounts = [];
    const discount = store.find('discount', id);
    core.emit('customer.discount.deleted', discount);
    // A deleted discount has no `end` (Stripe's deleted_discount object, and the SDK's DeletedDiscount).
    const { end: _end, ...rest } = store.render(discount);
    return { ...rest, deleted: true };
  });

  // A true pause: no invoices, status `paused`, until resumed.
  router.post('/v1/subscriptions/:id/pause', (ctx) => {
    // `bill_for` (charging usage or unused time at the pause) and `invoicing_behavior`, which only
    // says how that charge is billed, are refused: the emulator's pause bills nothing.
    parseFields({ type: s.enum('subscription') }, ctx.body);
    const sub = store.find('subscription', ctx.route.id);
    if (sub.status !== 'active' && sub.status !== 'trialing' && sub.status !== 'past_due')
      throw invalidRequest(`Only active subscriptions can be paused; this one is ${sub.status}.`);
    const prev = { status: sub.status };
    sub.status = 'paused';
    core.emit('customer.subscription.paused', sub, prev);
    return store.render(sub);
  });

  router.post('/v1/subscriptions/:id/resume', (ctx) => {
    const p = parseFields(
      {
        billing_cycle_anchor: billingCycleAnchorSpec(),
        payment_behavior: s.enum('resume_on_payment_attempt', 'resume_on_payment_success'),
        proration_behavior: s.enum('always_invoice', 'create_prorations', 'none'),
        proration_date: s.int(),
      },
      ctx.body,
    );
    const sub = store.find('subscription', ctx.route.id);
    if (sub.status !== 'paused') throw invalidRequest('Only paused subscriptions can be resumed.');
    const now = core.nowFor(sub.test_clock);
    const prev = { status: sub.status };
    sub.status = 'active';
    const anchor =
      typeof p.billing_cycle_anchor === 'string' ? p.billing_cycle_anchor : (p.billing_cycle_anchor?.type ?? 'now');
    // Resuming with a new anchor starts and bills a fresh period; `unchanged` keeps the old cycle.
    if (anchor === 'now')
      changeSubscription(core, sub, {
        billing_cycle_anchor: 'now',
        proration_behavior: p.proration_behavior ?? 'none',
      });
    else syncItemPeriods(core, sub, now);
    core.emit('customer.subscription.resumed', sub, prev);
    return store.render(sub);
  });

  // Subscription items as their own resource.
  router.get('/v1/subscription_items', (ctx) => {
    const p = parseFields({ ...paginationFields(), subscription: s.req(s.string()) }, ctx.body);
    const sub = store.findReferenced('subscription', p.subscription, 'subscription');
    const items = itemsOf(core, sub.id).reverse();
    return paginate(items, p, '/v1/subscription_items', 'subscription_item', (o) => store.render(o));
  });

  router.get('/v1/subscription_items/:id', (ctx) => {
    parseFields({}, ctx.body);
    return store.render(store.find('subscription_item', ctx.route.id));
  });

  const itemChangeFields = {
    ...updateItemFields,
    payment_behavior: s.enum('allow_incomplete', 'default_incomplete', 'error_if_incomplete', 'pending_if_incomplete'),
    proration_behavior: s.enum('always_invoice', 'create_prorations', 'none'),
    proration_date: s.int(),
    off_session: s.bool(),
  };
  const { id: _id, deleted: _deleted, ...createItemFields } = itemChangeFields;

  router.post('/v1/subscription_items', (ctx) => {
    const p = parseFields({ ...createItemFields, subscription: s.req(s.string()) }, ctx.body);
    const sub = store.findReferenced('subscription', p.subscription, 'subscription');
    const { subscription: _s, payment_behavior, proration_behavior, proration_date, off_session, ...item } = p;
    const before = new Set(itemsOf(core, sub.id).map((si) => si.id));
    changeSubscription(core, sub, { items: [item], payment_behavior, proration_behavior, proration_date, off_session });
    const created = itemsOf(core, sub.id).find((si) => !before.has(si.id));
    return store.render(created ?? itemsOf(core, sub.id)[0]!);
  });

  router.post('/v1/subscription_items/:id', (ctx) => {
    const { id: _i, deleted: _d, ...fields } = itemChangeFields;
    const p = parseFields(fields, ctx.body);
    const si = store.find('subscription_item', ctx.route.id);
    const sub = store.find('subscription', si.subscription);
    const { payment_behavior, proration_behavior, proration_date, off_session, ...item } = p;
    changeSubscription(core, sub, {
      items: [{ ...item, id: si.id }],
      payment_behavior,
      proration_behavior,
      proration_date,
      off_session,
    });
    return store.render(si);
  });

  router.del('/v1/subscription_items/:id', (ctx) => {
    const p = parseFields(
      {
        clear_usage: s.bool(),
        proration_behavior: s.enum('always_invoice', 'create_prorations', 'none'),
        proration_date: s.int(),
      },
      ctx.body,
    );
    const si = store.find('subscription_item', ctx.route.id);
    const sub = store.find('subscription', si.subscription);
    changeSubscription(core, sub, {
      items: [{ id: si.id, deleted: true }],
      proration_behavior: p.proration_behavior,
      proration_date: p.proration_date,
    });
    return { id: si.id, object: 'subscription_item', deleted: true };
  });
}
