import type { Core } from '../core.js';
import { invalidRequest } from '../errors.js';
import { newId } from '../ids.js';
import { matchesRange, paginate } from '../list.js';
import { paginationFields, parseFields, s } from '../params.js';
import type { StripeObject } from '../store.js';
import { cancelSubscription } from '../billing/cancel.js';
import { addTimeSource } from '../billing/timeline.js';
import { buildPhases, phaseObject, phaseSpec, refreshCurrentPhase } from './subscription-schedule-phases.js';
import { applyCurrentPhase, nextScheduleTransition } from './subscription-schedule-transitions.js';
import { itemsOf, periodEndOf, periodStartOf } from './subscription-model.js';
import { mergeMetadata } from './shared.js';

export function registerSubscriptionSchedules(core: Core): void {
  const { router, store } = core;
  const base = '/v1/subscription_schedules';

  addTimeSource(nextScheduleTransition);

  router.post(base, (ctx) => {
    const p = parseFields({ from_subscription: s.string(), customer: s.string(), customer_account: s.string(), start_date: s.timestampOrNow(), end_behavior: s.enum('cancel', 'none', 'release', 'renew'), phases: s.array(phaseSpec()), metadata: s.metadata(), default_settings: s.any(), billing_mode: s.any() }, ctx.body);
    if (p.from_subscription && (p.phases || p.customer)) throw invalidRequest('You cannot set `phases` or `customer` when using `from_subscription`.', 'from_subscription');
    if (!p.from_subscription) throw invalidRequest('The emulator supports subscription schedules created with `from_subscription`.', 'from_subscription');
    const sub = store.find('subscription', p.from_subscription, 'from_subscription');
    if (sub.schedule) throw invalidRequest(`The subscription ${sub.id} is already attached to a schedule.`, 'from_subscription');
    if (sub.status === 'canceled') throw invalidRequest('You cannot create a schedule from a canceled subscription.', 'from_subscription');
    const now = core.nowFor(sub.test_clock);
    const phase = phaseObject(
      core,
      { items: itemsOf(core, sub.id).map((si) => ({ price: si.price, quantity: si.quantity })), proration_behavior: 'create_prorations' },
      periodStartOf(core, sub),
      periodEndOf(core, sub),
      sub.currency,
    );
    const schedule: StripeObject = {
      id: newId('sub_sched'),
      object: 'subscription_schedule',
      application: null,
      billing_mode: { type: 'classic', flexible: null },
      canceled_at: null,
      completed_at: null,
      created: now,
      current_phase: null,
      customer: sub.customer,
      customer_account: null,
      default_settings: {
        application_fee_percent: null,
        billing_cycle_anchor: 'automatic',
        billing_thresholds: null,
        collection_method: sub.collection_method,
        default_payment_method: sub.default_payment_method,
        description: sub.description,
        invoice_settings: { account_tax_ids: null, custom_fields: null, days_until_due: sub.days_until_due, description: null, footer: null, issuer: { type: 'self' } },
        on_behalf_of: null,
        transfer_data: null,
      },
      end_behavior: 'release',
      livemode: false,
      metadata: mergeMetadata({}, p.metadata),
      pause_schedules: [],
      phases: [phase],
      released_at: null,
      released_subscription: null,
      status: 'active',
      subscription: sub.id,
      test_clock: sub.test_clock ?? null,
    };
    refreshCurrentPhase(schedule, now);
    store.put(schedule);
    sub.schedule = schedule.id;
    core.emit('subscription_schedule.created', schedule);
    return store.render(schedule);
  });

  router.get(`${base}/:id`, (ctx) => {
    parseFields({}, ctx.body);
    return store.render(store.find('subscription_schedule', ctx.route.id));
  });

  router.post(`${base}/:id`, (ctx) => {
    const p = parseFields({ phases: s.array(phaseSpec()), end_behavior: s.enum('cancel', 'none', 'release', 'renew'), proration_behavior: s.enum('always_invoice', 'create_prorations', 'none'), metadata: s.metadata(), default_settings: s.any(), billing_mode: s.any() }, ctx.body);
    const schedule = store.find('subscription_schedule', ctx.route.id);
    if (schedule.status !== 'active' && schedule.status !== 'not_started')
      throw invalidRequest(`You cannot update a subscription schedule that is ${schedule.status}.`);
    const now = core.nowFor(schedule.test_clock);
    if (p.phases) {
      const sub = store.find('subscription', schedule.subscription);
      schedule.phases = buildPhases(core, p.phases, schedule.current_phase?.start_date ?? now, sub.currency, now);
      refreshCurrentPhase(schedule, now);
      applyCurrentPhase(core, schedule, sub, now, p.proration_behavior);
    }
    if (p.end_behavior) schedule.end_behavior = p.end_behavior;
    if (p.metadata !== undefined) schedule.metadata = mergeMetadata(schedule.metadata, p.metadata);
    core.emit('subscription_schedule.updated', schedule);
    return store.render(schedule);
  });

  router.post(`${base}/:id/release`, (ctx) => {
    parseFields({ preserve_cancel_date: s.bool() }, ctx.body);
    const schedule = store.find('subscription_schedule', ctx.route.id);
    if (schedule.status !== 'active' && schedule.status !== 'not_started')
      throw invalidRequest(`You cannot release a subscription schedule that is currently in the \`${schedule.status}\` status.`);
    const now = core.nowFor(schedule.test_clock);
    schedule.status = 'released';
    schedule.released_at = now;
    schedule.released_subscription = schedule.subscription;
    schedule.current_phase = null;
    const sub = schedule.subscription ? store.get(schedule.subscription) : undefined;
    if (sub) sub.schedule = null;
    schedule.subscription = null;
    core.emit('subscription_schedule.released', schedule);
    return store.render(schedule);
  });

  router.post(`${base}/:id/cancel`, (ctx) => {
    const p = parseFields({ invoice_now: s.bool(), prorate: s.bool() }, ctx.body);
    const schedule = store.find('subscription_schedule', ctx.route.id);
    if (schedule.status !== 'active' && schedule.status !== 'not_started')
      throw invalidRequest(`You cannot cancel a subscription schedule that is ${schedule.status}.`);
    const sub = schedule.subscription ? store.get(schedule.subscription) : undefined;
    if (sub && sub.status !== 'canceled') cancelSubscription(core, sub, { invoice_now: p.invoice_now ?? true, prorate: p.prorate ?? true });
    schedule.status = 'canceled';
    schedule.canceled_at = core.nowFor(schedule.test_clock);
    schedule.current_phase = null;
    core.emit('subscription_schedule.canceled', schedule);
    return store.render(schedule);
  });

  router.get(base, (ctx) => {
    const p = parseFields({ ...paginationFields(), customer: s.string(), customer_account: s.string(), canceled_at: s.any(), completed_at: s.any(), released_at: s.any(), scheduled: s.bool() }, ctx.body);
    const items = store.all('subscription_schedule', (x) => (p.customer === undefined || x.customer === p.customer) && matchesRange(x.created, p.created));
    return paginate(items, p, base, 'subscription_schedule', (o) => store.render(o));
  });
}
