import type { Core } from '../core.js';
import { invalidRequest, missingParameter } from '../errors.js';
import { newId } from '../ids.js';
import { paginate } from '../list.js';
import { paginationFields, parseFields, s } from '../params.js';
import type { StripeObject } from '../store.js';
import { aggregate, countedEvents } from './billing-meter-summaries.js';
import { itemsOf } from './subscription-model.js';

/** Subscriptions whose current period is the window an alert measures usage over. */
const LIVE_SUBSCRIPTION = new Set(['active', 'trialing', 'past_due', 'unpaid', 'incomplete']);

/**
 * The window a customer's usage on `meter` is measured over: the current period of the
 * customer's subscription item billed by that meter, else (no such subscription) all usage so far.
 * Guess: Stripe's docs do not say which window a usage alert sums over.
 */
function usageWindow(core: Core, meter: StripeObject, customer: string): { start: number; end: number } {
  for (const sub of core.store.all('subscription', (x) => x.customer === customer && LIVE_SUBSCRIPTION.has(x.status))) {
    for (const si of itemsOf(core, sub.id)) {
      if (core.store.getAny(si.price)?.recurring?.meter === meter.id)
        return { start: si.current_period_start, end: si.current_period_end };
    }
  }
  return { start: 0, end: Number.MAX_SAFE_INTEGER };
}

function appliesTo(alert: StripeObject, customer: string): boolean {
  const filters = (alert.usage_threshold.filters ?? []) as { customer: string | null }[];
  return filters.every((f) => f.customer === null || f.customer === customer);
}

/**
 * Checks the active alerts on `meterId` for `customer` after its usage changed (a meter event or
 * an adjustment) and emits `billing.alert.triggered` for each one reached. `recurrence: one_time`
 * fires "once in the lifetime of a customer": each alert remembers the customers it fired for.
 */
export function evaluateAlerts(core: Core, meterId: string, customer: string): void {
  const meter = core.store.getAny(meterId);
  if (!meter) return;
  const alerts = core.store.all(
    'billing.alert',
    (a) => a.status === 'active' && a.usage_threshold.meter === meterId && appliesTo(a, customer),
  );
  if (alerts.length === 0) return;
  const window = usageWindow(core, meter, customer);
  const value = aggregate(meter, countedEvents(core, meter, customer, window.start, window.end));
  for (const alert of alerts.reverse()) {
    const fired = alert._fired_for as string[];
    if (value < alert.usage_threshold.gte || fired.includes(customer)) continue;
    fired.push(customer);
    const customerClock = core.store.get(customer)?.test_clock;
    // The payload is not a stored object and has no id of its own (SDK: `Billing.AlertTriggered`).
    const payload = {
      object: 'billing.alert_triggered',
      alert: core.store.render(alert),
      created: core.nowFor(customerClock),
      customer,
      livemode: false,
      value,
    } as unknown as StripeObject;
    core.emit('billing.alert.triggered', payload);
  }
}

/** Status changes; an archived alert is final (Stripe: archiving "is non-reversible"). */
function transition(core: Core, id: unknown, to: 'active' | 'inactive' | 'archived'): StripeObject {
  const alert = core.store.find('billing.alert', id);
  // Wording a guess; the refusal follows from archiving being non-reversible.
  if (alert.status === 'archived' && to !== 'archived')
    throw invalidRequest('This alert is archived and can no longer be changed.');
  alert.status = to;
  return core.store.render(alert);
}

/** Billing alerts (`/v1/billing/alerts`): usage thresholds on a meter, optionally for one customer. */
export function registerBillingAlerts(core: Core): void {
  const { router, store } = core;

  router.post('/v1/billing/alerts', (ctx) => {
    const p = parseFields(
      {
        alert_type: s.req(s.enum('usage_threshold')),
        title: s.req(s.string({ maxLength: 256 })),
        usage_threshold: s.obj({
          gte: s.req(s.int({ min: 0 })),
          meter: s.req(s.string()),
          recurrence: s.req(s.enum('one_time')),
          filters: s.array(s.obj({ type: s.req(s.enum('customer')), customer: s.string() })),
        }),
      },
      ctx.body,
    );
    // The SDK marks `usage_threshold` optional, but it is the whole configuration of a usage_threshold alert.
    if (!p.usage_threshold) throw missingParameter('usage_threshold');
    const t = p.usage_threshold;
    const meter = store.findReferenced('billing.meter', t.meter, 'usage_threshold[meter]');
    const filters = (t.filters ?? []) as { type: 'customer'; customer?: string }[];
    // Stripe: "You can only specify up to one filter at this time." (wording of the error a guess)
    if (filters.length > 1)
      throw invalidRequest('You can only specify up to one filter at this time.', 'usage_threshold[filters]');
    const renderedFilters = filters.map((f, i) => ({
      customer:
        f.customer === undefined
          ? null
          : store.findReferenced('customer', f.customer, `usage_threshold[filters][${i}][customer]`).id,
      type: 'customer',
    }));
    const alert: StripeObject = {
      id: newId('alrt'),
      object: 'billing.alert',
      alert_type: p.alert_type,
      livemode: false,
      status: 'active',
      title: p.title,
      usage_threshold: {
        filters: renderedFilters.length ? renderedFilters : null,
        gte: t.gte,
        meter: meter.id,
        recurrence: t.recurrence,
      },
      _fired_for: [],
    };
    store.put(alert);
    return store.render(alert);
  });

  router.get('/v1/billing/alerts/:id', (ctx) => {
    parseFields({}, ctx.body);
    return store.render(store.find('billing.alert', ctx.route.id));
  });

  router.get('/v1/billing/alerts', (ctx) => {
    const p = parseFields(
      { ...paginationFields(), alert_type: s.enum('usage_threshold'), meter: s.string() },
      ctx.body,
    );
    // Archiving removes an alert "from the list view" (Stripe); retrieving it by id still works (guess).
    const items = store.all(
      'billing.alert',
      (a) =>
        a.status !== 'archived' &&
        (p.alert_type === undefined || a.alert_type === p.alert_type) &&
        (p.meter === undefined || a.usage_threshold.meter === p.meter),
    );
    return paginate(items, p, '/v1/billing/alerts', 'billing.alert', (o) => store.render(o));
  });

  router.post('/v1/billing/alerts/:id/activate', (ctx) => {
    parseFields({}, ctx.body);
    return transition(core, ctx.route.id, 'active');
  });
  router.post('/v1/billing/alerts/:id/deactivate', (ctx) => {
    parseFields({}, ctx.body);
    return transition(core, ctx.route.id, 'inactive');
  });
  router.post('/v1/billing/alerts/:id/archive', (ctx) => {
    parseFields({}, ctx.body);
    return transition(core, ctx.route.id, 'archived');
  });
}
