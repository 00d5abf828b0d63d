import type { Core } from '../core.js';
import { invalidRequest, missingParameter } from '../errors.js';
import { newId, randomToken } from '../ids.js';
import { parseFields, s } from '../params.js';
import type { StripeObject } from '../store.js';
import { evaluateAlerts } from './billing-alerts.js';
import { activeMeterFor } from './billing-meters.js';

/** Stripe: a meter event's timestamp must be within the past 35 calendar days or up to 5 minutes in the future. */
const MAX_PAST_SECONDS = 35 * 86400;
const MAX_FUTURE_SECONDS = 5 * 60;
/** Stripe enforces identifier uniqueness "within a rolling period of at least 24 hours". */
const IDENTIFIER_WINDOW_SECONDS = 24 * 3600;

/**
 * Meter events and their cancellations. Stripe validates the request synchronously but matches
 * the event to a meter and a customer asynchronously: an event for no active meter, an unknown
 * customer or a non-integer value is accepted (200) and then never counts (Stripe reports it
 * through `billing.meter.error_report_triggered` / `no_meter` v2 events, not emulated).
 */
export function registerBillingMeterEvents(core: Core): void {
  const { router, store } = core;

  router.post('/v1/billing/meter_events', (ctx) => {
    const p = parseFields(
      {
        event_name: s.req(s.string({ maxLength: 100 })),
        payload: s.req(s.open()),
        identifier: s.string({ maxLength: 100 }),
        timestamp: s.int({ min: 0 }),
      },
      ctx.body,
    );
    const meter = activeMeterFor(core, p.event_name);
    const customerKey = meter?.customer_mapping.event_payload_key ?? 'stripe_customer_id';
    const customer = typeof p.payload[customerKey] === 'string' ? store.get(p.payload[customerKey]) : undefined;
    // The customer's test clock is the event's "now": advancing the clock moves the accepted window.
    const now = core.nowFor(customer?.object === 'customer' ? customer.test_clock : null);
    const timestamp = p.timestamp ?? now;
    if (timestamp < now - MAX_PAST_SECONDS || timestamp > now + MAX_FUTURE_SECONDS)
      throw invalidRequest(
        'Timestamp must be within the past 35 calendar days or up to 5 minutes in the future.',
        'timestamp',
      );
    const identifier = p.identifier ?? randomToken(24);
    // Wording a guess; the refusal is Stripe's (duplicates within 24 hours are rejected).
    if (
      store.all(
        'billing.meter_event',
        (e) => e.identifier === identifier && e.created > now - IDENTIFIER_WINDOW_SECONDS,
      ).length > 0
    )
      throw invalidRequest(
        `An event with identifier \`${identifier}\` already exists.`,
        'identifier',
        'resource_already_exists',
      );
    const raw = meter ? p.payload[meter.value_settings.event_payload_key] : undefined;
    const event: StripeObject = {
      id: newId('mev'), // internal only: Stripe's meter events have no id
      object: 'billing.meter_event',
      created: now,
      event_name: p.event_name,
      identifier,
      livemode: false,
      payload: p.payload,
      timestamp,
      _meter: customer?.object === 'customer' ? (meter?.id ?? null) : null,
      _customer: customer?.id ?? null,
      _value: typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : null,
    };
    store.put(event);
    if (event._meter && event._customer) evaluateAlerts(core, event._meter, event._customer);
    const { id: _internalId, ...wire } = store.render(event);
    return wire;
  });

  router.post('/v1/billing/meter_event_adjustments', (ctx) => {
    const p = parseFields(
      {
        event_name: s.req(s.string({ maxLength: 100 })),
        type: s.req(s.enum('cancel')),
        cancel: s.obj({ identifier: s.string({ maxLength: 100 }) }),
      },
      ctx.body,
    );
    if (!p.cancel?.identifier) throw missingParameter('cancel[identifier]');
    // Like ingestion, Stripe applies the cancellation asynchronously (status `pending`); an unknown identifier is not an API error.
    for (const e of store.all(
      'billing.meter_event',
      (x) => x.identifier === p.cancel.identifier && x.event_name === p.event_name,
    )) {
      e._cancelled = true;
      // A cancellation can raise a `last` meter's value, so alerts are checked again.
      if (e._meter && e._customer) evaluateAlerts(core, e._meter, e._customer);
    }
    return {
      object: 'billing.meter_event_adjustment',
      cancel: { identifier: p.cancel.identifier },
      event_name: p.event_name,
      livemode: false,
      status: 'pending',
      type: 'cancel',
    };
  });
}
