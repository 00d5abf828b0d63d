import type { Core } from '../core.js';
import { invalidRequest, missingParameter } from '../errors.js';
import { newId } from '../ids.js';
import { matchesRange, paginate } from '../list.js';
import { paginationFields, parseFields, s, type Params } from '../params.js';
import type { StripeObject } from '../store.js';
import { cancelSubscription } from '../billing/cancel.js';
import { changeSubscription } from '../billing/change.js';
import { addIntervals, type Interval } from '../billing/periods.js';
import { addTimeSource } from '../billing/timeline.js';
import { intervalOf, itemsOf, periodEndOf, periodStartOf } from './subscription-model.js';
import { mergeMetadata } from './shared.js';

const phaseItem = () => s.obj({ price: s.string(), plan: s.string(), price_data: s.any(), quantity: s.int({ min: 0 }), metadata: s.metadata(), discounts: s.any(), tax_rates: s.any(), billing_thresholds: s.any() });
const phaseSpec = () =>
  s.obj({
    items: s.req(s.array(phaseItem())),
    start_date: s.timestampOrNow(),
    end_date: s.timestampOrNow(),
    duration: s.obj({ interval: s.req(s.enum('day', 'week', 'month', 'year')), interval_count: s.int({ min: 1 }) }),
    proration_behavior: s.enum('always_invoice', 'create_prorations', 'none'),
    metadata: s.metadata(),
    description: s.emptyable(s.string()),
    default_payment_method: s.string(),
    collection_method: s.enum('charge_automatically', 'send_invoice'),
    currency: s.string(),
    trial: s.bool(),
    trial_end: s.timestampOrNow(),
    billing_cycle_anchor: s.enum('automatic', 'phase_start'),
    add_invoice_items: s.any(),
    application_fee_percent: s.any(),
    automatic_tax: s.any(),
    billing_thresholds: s.any(),
    default_tax_rates: s.any(),
    discounts: s.any(),
    invoice_settings: s.any(),
    on_behalf_of: s.any(),
    transfer_data: s.any(),
  });

function phaseObject(core: Core, p: Params, start: number, end: number, currency: string): Params {
  return {
    add_invoice_items: [],
    application_fee_percent: null,
    billing_cycle_anchor: p.billing_cycle_anchor ?? null,
    billing_thresholds: null,
    collection_method: p.collection_method ?? null,
    currency,
    default_payment_method: p.default_payment_method ?? null,
    description: p.description || null,
    discounts: [],
    end_date: end,
    invoice_settings: null,
    items: (p.items as Params[]).map((i, n) => {
      const price = core.store.find('price', i.price ?? i.plan, `phases[][items][${n}][price]`);
      return { billing_thresholds: null, discounts: [], metadata: i.metadata ?? {}, plan: price.id, price: price.id, quantity: i.quantity ?? 1, tax_rates: [] };
    }),
    metadata: p.metadata ?? {},
    on_behalf_of: null,
    proration_behavior: p.proration_behavior ?? 'create_prorations',
    start_date: start,
    transfer_data: null,
    trial_end: typeof p.trial_end === 'number' ? p.trial_end : null,
  };
}

/** Turns `phases[]` params into phases with concrete start and end dates. */
function buildPhases(core: Core, phases: Params[], firstStart: number, currency: string, now: number): Params[] {
  let start = firstStart;
  return phases.map((p, i) => {
    if (i === 0 && p.start_date !== undefined) {
      const given = p.start_date === 'now' ? now : p.start_date;
      if (given !== firstStart) throw invalidRequest('You can not modify the start date of the current phase.', 'phases[0][start_date]');
    }
    let end: number;
    if (p.end_date !== undefined) end = p.end_date === 'now' ? now : p.end_date;
    else if (p.duration) end = addIntervals(start, p.duration.interval as Interval, p.duration.interval_count ?? 1, 1);
    else if (i === phases.length - 1) {
      const price = core.store.find('price', p.items[0]?.price ?? p.items[0]?.plan, `phases[${i}][items][0][price]`);
      const { interval, count } = intervalOf(price);
      end = addIntervals(start, interval, count, 1);
    } else throw missingParameter(`phases[${i}][end_date]`);
    if (end <= start) throw invalidRequest('Phase end_date must be after its start_date.', `phases[${i}][end_date]`);
    const phase = phaseObject(core, p, start, end, currency);
    start = end;
    return phase;
  });
}

function currentPhase(schedule: StripeObject, at: number): Params | null {
  return (schedule.phases as Params[]).find((ph) => ph.start_date <= at && at < ph.end_date) ?? null;
}

function refresh(schedule: StripeObject, at: number): void {
  const ph = currentPhase(schedule, at);
  schedule.current_phase = ph ? { end_date: ph.end_date, start_date: ph.start_date } : null;
}

/** Moves the subscription onto the phase that starts at `at` (or ends the schedule). */
function transition(core: Core, schedule: StripeObject, at: number): void {
  const sub = schedule.subscription ? core.store.get(schedule.subscription) : undefined;
  const next = (schedule.phases as Params[]).find((ph) => ph.start_date === at);
  if (!sub || sub.status === 'canceled') {
    schedule.status = 'completed';
    schedule.completed_at = at;
    return;
  }
  if (next) {
    const current = itemsOf(core, sub.id);
    const items: Params[] = [];
    for (const si of current) {
      const keep = next.items.find((i: Params) => i.price === si.price);
      items.push(keep ? { id: si.id, quantity: keep.quantity } : { id: si.id, deleted: true });
    }
    for (const i of next.items as Params[]) if (!current.some((si) => si.price === i.price)) items.push({ price: i.price, quantity: i.quantity });
    changeSubscription(core, sub, { items, proration_behavior: next.proration_behavior === 'create_prorations' ? 'none' : next.proration_behavior });
    refresh(schedule, at);
    core.emit('subscription_schedule.updated', schedule);
    return;
  }
  // Past the last phase: release the subscription or cancel it.
  if (schedule.end_behavior === 'cancel') cancelSubscription(core, sub, {});
  schedule.status = schedule.end_behavior === 'cancel' ? 'completed' : 'released';
  if (schedule.status === 'released') {
    schedule.released_at = at;
    schedule.released_subscription = sub.id;
  } else schedule.completed_at = at;
  schedule.current_phase = null;
  sub.schedule = null;
  core.emit(schedule.status === 'released' ? 'subscription_schedule.released' : 'subscription_schedule.completed', schedule);
}

export function registerSubscriptionSchedules(core: Core): void {
  const { router, store } = core;
  const base = '/v1/subscription_schedules';

  addTimeSource((c, clockId) => {
    let best: { at: number; run: () => void } | null = null;
    for (const sc of c.store.all('subscription_schedule', (x) => x.status === 'active' && (x.test_clock ?? null) === clockId)) {
      const at = sc.current_phase?.end_date as number | undefined;
      if (at === undefined || (best && best.at <= at)) continue;
      best = { at, run: () => transition(c, sc, at) };
    }
    return best;
  });

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
    refresh(schedule, now);
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
      throw invalidRequest(`You cannot update a subscription schedule that is ${schedule.status}.`, undefined, 'subscription_schedule_not_active' as string);
    const now = core.nowFor(schedule.test_clock);
    if (p.phases) {
      const sub = store.find('subscription', schedule.subscription);
      schedule.phases = buildPhases(core, p.phases, schedule.current_phase?.start_date ?? now, sub.currency, now);
      refresh(schedule, now);
      // If the current phase's items changed, apply them now (with the given proration).
      const ph = currentPhase(schedule, now);
      if (ph) {
        const current = itemsOf(core, sub.id);
        const same = current.length === ph.items.length && ph.items.every((i: Params) => current.some((si) => si.price === i.price && (si.quantity ?? 1) === i.quantity));
        if (!same) {
          const items: Params[] = current.map((si) => {
            const keep = ph.items.find((i: Params) => i.price === si.price);
            return keep ? { id: si.id, quantity: keep.quantity } : { id: si.id, deleted: true };
          });
          for (const i of ph.items as Params[]) if (!current.some((si) => si.price === i.price)) items.push({ price: i.price, quantity: i.quantity });
          changeSubscription(core, sub, { items, proration_behavior: p.proration_behavior ?? ph.proration_behavior });
        }
      }
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
      throw invalidRequest(`You cannot release a subscription schedule that is currently in the \`${schedule.status}\` status.`, undefined, 'subscription_schedule_not_active' as string);
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
      throw invalidRequest(`You cannot cancel a subscription schedule that is ${schedule.status}.`, undefined, 'subscription_schedule_not_active' as string);
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
