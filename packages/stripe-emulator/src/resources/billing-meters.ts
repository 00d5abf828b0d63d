import type { Core } from '../core.js';
import { invalidRequest } from '../errors.js';
import { newId } from '../ids.js';
import { paginate } from '../list.js';
import { paginationFields, parseFields, s } from '../params.js';
import type { StripeObject } from '../store.js';
import { summarise } from './billing-meter-summaries.js';

/** Stripe's defaults when a meter is created without `customer_mapping` / `value_settings`. */
const DEFAULT_CUSTOMER_KEY = 'stripe_customer_id';
const DEFAULT_VALUE_KEY = 'value';

/** The active meter listening to `eventName`, if any: at most one exists (Stripe refuses duplicates). */
export function activeMeterFor(core: Core, eventName: string): StripeObject | undefined {
  return core.store.all('billing.meter', (m) => m.status === 'active' && m.event_name === eventName)[0];
}

function refuseDuplicateEventName(core: Core, eventName: string): void {
  // Message is a guess (the notes do not record it); the rule itself is Stripe's: one active meter per event name.
  if (activeMeterFor(core, eventName))
    throw invalidRequest(`An active meter with event_name \`${eventName}\` already exists.`, 'event_name');
}

/**
 * Billing meters (`/v1/billing/meters`): usage is reported as meter events (see
 * `billing-meter-events.ts`) and read back aggregated by `listEventSummaries`. Stripe sends no v1
 * webhook events for meters (only v2 thin events), so none are emitted.
 */
export function registerBillingMeters(core: Core): void {
  const { router, store } = core;

  router.post('/v1/billing/meters', (ctx) => {
    const p = parseFields(
      {
        default_aggregation: s.req(s.obj({ formula: s.req(s.enum('count', 'last', 'sum')) })),
        display_name: s.req(s.string({ maxLength: 250 })),
        event_name: s.req(s.string({ maxLength: 100 })),
        customer_mapping: s.obj({
          event_payload_key: s.req(s.string({ maxLength: 100 })),
          type: s.req(s.enum('by_id')),
        }),
        event_time_window: s.enum('day', 'hour'),
        value_settings: s.obj({ event_payload_key: s.req(s.string({ maxLength: 100 })) }),
      },
      ctx.body,
    );
    refuseDuplicateEventName(core, p.event_name);
    const now = core.now();
    const meter: StripeObject = {
      id: newId('mtr'),
      object: 'billing.meter',
      created: now,
      customer_mapping: {
        event_payload_key: p.customer_mapping?.event_payload_key ?? DEFAULT_CUSTOMER_KEY,
        type: 'by_id',
      },
      default_aggregation: { formula: p.default_aggregation.formula },
      display_name: p.display_name,
      event_name: p.event_name,
      event_time_window: p.event_time_window ?? null,
      livemode: false,
      status: 'active',
      status_transitions: { deactivated_at: null },
      updated: now,
      value_settings: { event_payload_key: p.value_settings?.event_payload_key ?? DEFAULT_VALUE_KEY },
    };
    store.put(meter);
    return store.render(meter);
  });

  router.get('/v1/billing/meters/:id', (ctx) => {
    parseFields({}, ctx.body);
    return store.render(store.find('billing.meter', ctx.route.id));
  });

  router.post('/v1/billing/meters/:id', (ctx) => {
    const p = parseFields({ display_name: s.string({ maxLength: 250 }) }, ctx.body);
    const meter = store.find('billing.meter', ctx.route.id);
    if (p.display_name !== undefined) {
      meter.display_name = p.display_name;
      meter.updated = core.now();
    }
    return store.render(meter);
  });

  router.post('/v1/billing/meters/:id/deactivate', (ctx) => {
    parseFields({}, ctx.body);
    const meter = store.find('billing.meter', ctx.route.id);
    // Guess: Stripe's wording for a meter already in the requested state is not recorded.
    if (meter.status === 'inactive') throw invalidRequest('This meter is already inactive.');
    const now = core.now();
    Object.assign(meter, { status: 'inactive', status_transitions: { deactivated_at: now }, updated: now });
    return store.render(meter);
  });

  router.post('/v1/billing/meters/:id/reactivate', (ctx) => {
    parseFields({}, ctx.body);
    const meter = store.find('billing.meter', ctx.route.id);
    if (meter.status === 'active') throw invalidRequest('This meter is already active.');
    refuseDuplicateEventName(core, meter.event_name);
    Object.assign(meter, { status: 'active', status_transitions: { deactivated_at: null }, updated: core.now() });
    return store.render(meter);
  });

  router.get('/v1/billing/meters', (ctx) => {
    const p = parseFields({ ...paginationFields(), status: s.enum('active', 'inactive') }, ctx.body);
    const items = store.all('billing.meter', (m) => p.status === undefined || m.status === p.status);
    return paginate(items, p, '/v1/billing/meters', 'billing.meter', (o) => store.render(o));
  });

  router.get('/v1/billing/meters/:id/event_summaries', (ctx) => {
    const p = parseFields(
      {
        ...paginationFields(),
        customer: s.req(s.string()),
        start_time: s.req(s.int({ min: 0 })),
        end_time: s.req(s.int({ min: 0 })),
        value_grouping_window: s.enum('day', 'hour'),
      },
      ctx.body,
    );
    const meter = store.find('billing.meter', ctx.route.id);
    const customer = store.findReferenced('customer', p.customer, 'customer');
    const summaries = summarise(core, meter, customer.id, p.start_time, p.end_time, p.value_grouping_window);
    return paginate(summaries, p, `/v1/billing/meters/${meter.id}/event_summaries`, 'billing.meter_event_summary');
  });
}
