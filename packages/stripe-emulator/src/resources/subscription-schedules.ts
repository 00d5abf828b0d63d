import type { Core } from '../core.js';
import { invalidRequest, missingParameter } from '../errors.js';
import { newId } from '../ids.js';
import { matchesRange, paginate } from '../list.js';
import { paginationFields, parseFields, s, type Params } from '../params.js';
import type { StripeObject } from '../store.js';
import { cancelSubscription } from '../billing/cancel.js';
import { buildPhases, phaseObject, phaseSpec, refreshCurrentPhase } from './subscription-schedule-phases.js';
import { applyCurrentPhase, nextScheduleTransition, startSchedule } from './subscription-schedule-transitions.js';
import { itemsOf, periodEndOf, periodStartOf } from './subscription-model.js';
import { mergeMetadata } from './shared.js';

/** A schedule taking over an existing subscription: one phase, the subscription's current period. */
function fromSubscription(core: Core, id: string): StripeObject {
  const sub = core.store.findReferenced('subscription', id, 'from_subscription');
  if (sub.schedule)
    throw invalidRequest(`The subscription ${sub.id} is already attached to a schedule.`, 'from_subscription');
  if (sub.status === 'canceled')
    throw invalidRequest('You cannot create a schedule from a canceled subscription.', 'from_subscription');
  const now = core.nowFor(sub.test_clock);
  const phase = phaseObject(
    core,
    {
      items: itemsOf(core, sub.id).map((si) => ({ price: si.price, quantity: si.quantity })),
      proration_behavior: 'create_prorations',
    },
    periodStartOf(core, sub),
    periodEndOf(core, sub),
    sub.currency,
  );
  const schedule = newSchedule(core, {
    customer: sub.customer,
    testClock: sub.test_clock ?? null,
    now,
    phases: [phase],
    status: 'active',
  });
  Object.assign(schedule.default_settings, {
    collection_method: sub.collection_method,
    default_payment_method: sub.default_payment_method,
    description: sub.description,
  });
  schedule.default_settings.invoice_settings.days_until_due = sub.days_until_due;
  schedule.subscription = sub.id;
  sub.schedule = schedule.id;
  refreshCurrentPhase(schedule, now);
  return schedule;
}

/**
 * A schedule of `phases` for a customer, starting now or at `start_date` (Stripe then makes the
 * subscription when the first phase starts). Back-dated starts are not emulated and refused.
 */
function fromPhases(core: Core, p: Params): StripeObject {
  if (!p.customer) throw missingParameter('customer');
  if (!p.phases || p.phases.length === 0) throw missingParameter('phases');
  const customer = core.store.findReferenced('customer', p.customer, 'customer');
  const now = core.nowFor(customer.test_clock);
  const start = p.start_date === undefined || p.start_date === 'now' ? now : p.start_date;
  if (start < now)
    throw invalidRequest(
      'stripe-emulator does not back-date subscription schedules: `start_date` must be `now` or in the future.',
      'start_date',
      'emulator_unsupported_parameter',
    );
  const firstPrice = core.store.findReferenced(
    'price',
    p.phases[0].items[0]?.price ?? p.phases[0].items[0]?.plan,
    'phases[0][items][0][price]',
  );
  const phases = buildPhases(core, p.phases, start, p.phases[0].currency ?? firstPrice.currency, now);
  return newSchedule(core, {
    customer: customer.id,
    testClock: customer.test_clock ?? null,
    now,
    phases,
    status: start <= now ? 'active' : 'not_started',
  });
}

function newSchedule(
  core: Core,
  o: { customer: string; testClock: string | null; now: number; phases: Params[]; status: 'active' | 'not_started' },
): StripeObject {
  return {
    id: newId('sub_sched'),
    object: 'subscription_schedule',
    application: null,
    billing_mode: { type: 'classic', flexible: null },
    canceled_at: null,
    completed_at: null,
    created: o.now,
    current_phase: null,
    customer: o.customer,
    customer_account: null,
    default_settings: {
      application_fee_percent: null,
      // Stripe always answers automatic_tax; the emulator computes no tax, so it is off.
      automatic_tax: { disabled_reason: null, enabled: false, liability: null },
      billing_cycle_anchor: 'automatic',
      billing_thresholds: null,
      collection_method: 'charge_automatically',
      default_payment_method: null,
      description: null,
      invoice_settings: {
        account_tax_ids: null,
        custom_fields: null,
        days_until_due: null,
        description: null,
        footer: null,
        issuer: { type: 'self' },
      },
      on_behalf_of: null,
      transfer_data: null,
    },
    end_behavior: 'release',
    livemode: false,
    metadata: {},
    pause_schedules: [],
    phases: o.phases,
    released_at: null,
    released_subscription: null,
    status: o.status,
    subscription: null,
    test_clock: o.testClock,
  };
}

export function registerSubscriptionSchedules(core: Core): void {
  const { router, store } = core;
  const base = '/v1/subscription_schedules';

  core.timeSources.push(nextScheduleTransition);

  router.post(base, (ctx) => {
    const p = parseFields(
      {
        from_subscription: s.string(),
        customer: s.string(),
        customer_account: s.string(),
        start_date: s.timestampOrNow(),
        end_behavior: s.enum('cancel', 'none', 'release', 'renew'),
        phases: s.array(phaseSpec()),
        metadata: s.metadata(),
      },
      ctx.body,
    );
    if (p.from_subscription && (p.phases || p.customer || p.start_date !== undefined))
      throw invalidRequest(
        'You cannot set `phases`, `customer` or `start_date` when using `from_subscription`.',
        'from_subscription',
      );
    const schedule = p.from_subscription ? fromSubscription(core, p.from_subscription) : fromPhases(core, p);
    if (p.end_behavior) schedule.end_behavior = p.end_behavior;
    schedule.metadata = mergeMetadata({}, p.metadata);
    store.put(schedule);
    core.emit('subscription_schedule.created', schedule);
    if (schedule.status === 'active' && !schedule.subscription)
      startSchedule(core, schedule, schedule.phases[0].start_date);
    return store.render(schedule);
  });

  router.get(`${base}/:id`, (ctx) => {
    parseFields({}, ctx.body);
    return store.render(store.find('subscription_schedule', ctx.route.id));
  });

  router.post(`${base}/:id`, (ctx) => {
    const p = parseFields(
      {
        phases: s.array(phaseSpec()),
        end_behavior: s.enum('cancel', 'none', 'release', 'renew'),
        proration_behavior: s.enum('always_invoice', 'create_prorations', 'none'),
        metadata: s.metadata(),
      },
      ctx.body,
    );
    const schedule = store.find('subscription_schedule', ctx.route.id);
    if (schedule.status !== 'active' && schedule.status !== 'not_started')
      throw invalidRequest(`You cannot update a subscription schedule that is ${schedule.status}.`);
    const now = core.nowFor(schedule.test_clock);
    if (p.phases && schedule.status === 'not_started') {
      // Not started yet: the phases may still move, and start now if the first one says so.
      const given = p.phases[0]?.start_date;
      const start = given === 'now' ? now : (given ?? schedule.phases[0].start_date);
      if (start < now)
        throw invalidRequest(
          'stripe-emulator does not back-date subscription schedules: `start_date` must be `now` or in the future.',
          'phases[0][start_date]',
          'emulator_unsupported_parameter',
        );
      schedule.phases = buildPhases(core, p.phases, start, schedule.phases[0].currency, now);
      if (start <= now) startSchedule(core, schedule, start);
    } else if (p.phases) {
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
      throw invalidRequest(
        `You cannot release a subscription schedule that is currently in the \`${schedule.status}\` status.`,
      );
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
    if (sub && sub.status !== 'canceled')
      cancelSubscription(core, sub, { invoice_now: p.invoice_now ?? true, prorate: p.prorate ?? true });
    schedule.status = 'canceled';
    schedule.canceled_at = core.nowFor(schedule.test_clock);
    schedule.current_phase = null;
    core.emit('subscription_schedule.canceled', schedule);
    return store.render(schedule);
  });

  router.get(base, (ctx) => {
    const p = parseFields(
      {
        ...paginationFields(),
        customer: s.string(),
        canceled_at: s.range(),
        completed_at: s.range(),
        released_at: s.range(),
        scheduled: s.bool(),
      },
      ctx.body,
    );
    const dated = (x: StripeObject) =>
      (['canceled_at', 'completed_at', 'released_at'] as const).every(
        (k) => p[k] === undefined || (x[k] !== null && matchesRange(x[k], p[k])),
      );
    const items = store.all(
      'subscription_schedule',
      // `scheduled`: only schedules that have not started yet (or, false, only those that have).
      (x) =>
        (p.customer === undefined || x.customer === p.customer) &&
        matchesRange(x.created, p.created) &&
        dated(x) &&
        (p.scheduled === undefined || (x.status === 'not_started') === p.scheduled),
    );
    return paginate(items, p, base, 'subscription_schedule', (o) => store.render(o));
  });
}
