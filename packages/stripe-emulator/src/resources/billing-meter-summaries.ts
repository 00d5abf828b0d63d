import type { Core } from '../core.js';
import { invalidRequest } from '../errors.js';
import type { StripeObject } from '../store.js';

const WINDOW_SECONDS = { minute: 60, hour: 3600, day: 86400 } as const;

/** The meter events that count for `meter` and `customer` with `start <= timestamp < end`, oldest first. */
export function countedEvents(
  core: Core,
  meter: StripeObject,
  customer: string,
  start: number,
  end: number,
): StripeObject[] {
  return core.store
    .all(
      'billing.meter_event',
      (e) =>
        e._meter === meter.id && !e._cancelled && e._customer === customer && e.timestamp >= start && e.timestamp < end,
    )
    .reverse() // `all` is newest first; reversed, the stable sort keeps arrival order among equal timestamps
    .sort((a, b) => a.timestamp - b.timestamp);
}

/** Aggregates per the meter's formula; an event whose value is not a whole number never counts (Stripe reports it as an error). */
export function aggregate(meter: StripeObject, events: StripeObject[]): number {
  const formula = meter.default_aggregation.formula;
  if (formula === 'count') return events.length;
  const values = events.map((e) => e._value).filter((v): v is number => typeof v === 'number');
  if (formula === 'last') return values.length ? values[values.length - 1]! : 0;
  return values.reduce((a, v) => a + v, 0);
}

function requireAligned(value: number, param: 'start_time' | 'end_time', window: keyof typeof WINDOW_SECONDS): void {
  // Stripe requires minute boundaries, and day/hour boundaries (UTC) when grouping by day/hour. Wording is a guess.
  if (value % WINDOW_SECONDS[window] !== 0)
    throw invalidRequest(`\`${param}\` must be aligned with ${window} boundaries.`, param);
}

/**
 * `listEventSummaries`: one summary for the whole `[start, end)` range, or one per hour/day window
 * with `value_grouping_window`. Guesses (not in the notes): windows with no events are left out,
 * and summaries come newest first like Stripe's other lists.
 */
export function summarise(
  core: Core,
  meter: StripeObject,
  customer: string,
  start: number,
  end: number,
  grouping?: 'day' | 'hour',
): StripeObject[] {
  const window = grouping ?? 'minute';
  requireAligned(start, 'start_time', window);
  requireAligned(end, 'end_time', window);
  if (start >= end) throw invalidRequest('`start_time` must be before `end_time`.', 'start_time');
  const summary = (from: number, to: number): StripeObject => ({
    id: `mtrusm_${meter.id.slice(4)}_${customer.slice(4)}_${from}_${to}`,
    object: 'billing.meter_event_summary',
    aggregated_value: aggregate(meter, countedEvents(core, meter, customer, from, to)),
    end_time: to,
    livemode: false,
    meter: meter.id,
    start_time: from,
  });
  if (!grouping) return [summary(start, end)];
  const out: StripeObject[] = [];
  for (let from = start; from < end; from += WINDOW_SECONDS[grouping]) {
    const to = from + WINDOW_SECONDS[grouping];
    if (countedEvents(core, meter, customer, from, to).length > 0) out.push(summary(from, to));
  }
  return out.reverse();
}
