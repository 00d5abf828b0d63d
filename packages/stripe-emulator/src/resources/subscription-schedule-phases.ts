import type { Core } from '../core.js';
import { invalidRequest, missingParameter } from '../errors.js';
import { s, type Params } from '../params.js';
import type { StripeObject } from '../store.js';
import { addIntervals, type Interval } from '../billing/periods.js';
import { intervalOf } from './subscription-model.js';

const phaseItemSpec = () =>
  s.obj({ price: s.string(), plan: s.string(), quantity: s.int({ min: 0 }), metadata: s.metadata() });
const discountSpec = () => s.array(s.obj({ coupon: s.string(), discount: s.string(), promotion_code: s.string() }));

/**
 * One element of `phases[]`. Stripe parameters the emulator does not honour (tax rates, invoice
 * items, thresholds, Connect fields…) are left out, so they answer `emulator_unsupported_parameter`.
 */
export const phaseSpec = () =>
  s.obj({
    items: s.req(s.array(phaseItemSpec())),
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
    discounts: s.emptyable(discountSpec()),
  });

/** The API shape of a phase from its params, with its dates already resolved. */
export function phaseObject(core: Core, p: Params, start: number, end: number, currency: string): Params {
  return {
    add_invoice_items: [],
    application_fee_percent: null,
    billing_cycle_anchor: p.billing_cycle_anchor ?? null,
    billing_thresholds: null,
    collection_method: p.collection_method ?? null,
    currency,
    default_payment_method: p.default_payment_method ?? null,
    default_tax_rates: [],
    description: p.description || null,
    // Applied to the subscription when the phase starts (see subscription-schedule-transitions.ts).
    discounts: Array.isArray(p.discounts)
      ? p.discounts.map((d: Params) => ({
          coupon: d.coupon ?? null,
          discount: d.discount ?? null,
          promotion_code: d.promotion_code ?? null,
        }))
      : [],
    end_date: end,
    invoice_settings: null,
    items: (p.items as Params[]).map((i, n) => {
      const price = core.store.findReferenced('price', i.price ?? i.plan, `phases[][items][${n}][price]`);
      return {
        billing_thresholds: null,
        discounts: [],
        metadata: i.metadata ?? {},
        plan: price.id,
        price: price.id,
        quantity: i.quantity ?? 1,
        tax_rates: [],
      };
    }),
    metadata: p.metadata ?? {},
    on_behalf_of: null,
    proration_behavior: p.proration_behavior ?? 'create_prorations',
    start_date: start,
    transfer_data: null,
    trial_end: typeof p.trial_end === 'number' ? p.trial_end : null,
  };
}

/**
 * Turns `phases[]` params into back-to-back phases with concrete dates. Each phase starts where
 * the previous one ends and ends at its `end_date`, after its `duration`, or (the last one only)
 * after one billing interval of its first price; the first phase cannot move its start.
 */
export function buildPhases(core: Core, phases: Params[], firstStart: number, currency: string, now: number): Params[] {
  let start = firstStart;
  return phases.map((p, i) => {
    if (i === 0 && p.start_date !== undefined) {
      const given = p.start_date === 'now' ? now : p.start_date;
      if (given !== firstStart)
        throw invalidRequest('You can not modify the start date of the current phase.', 'phases[0][start_date]');
    }
    let end: number;
    if (p.end_date !== undefined) end = p.end_date === 'now' ? now : p.end_date;
    else if (p.duration) end = addIntervals(start, p.duration.interval as Interval, p.duration.interval_count ?? 1, 1);
    else if (i === phases.length - 1) {
      const price = core.store.findReferenced(
        'price',
        p.items[0]?.price ?? p.items[0]?.plan,
        `phases[${i}][items][0][price]`,
      );
      const { interval, count } = intervalOf(price);
      end = addIntervals(start, interval, count, 1);
    } else throw missingParameter(`phases[${i}][end_date]`);
    if (end <= start) throw invalidRequest('Phase end_date must be after its start_date.', `phases[${i}][end_date]`);
    const phase = phaseObject(core, p, start, end, currency);
    start = end;
    return phase;
  });
}

/** The phase running at `at`, or null before the first and after the last. */
export function currentPhase(schedule: StripeObject, at: number): Params | null {
  return (schedule.phases as Params[]).find((ph) => ph.start_date <= at && at < ph.end_date) ?? null;
}

/** Updates `schedule.current_phase` (its dates only, as Stripe shows it) for time `at`. */
export function refreshCurrentPhase(schedule: StripeObject, at: number): void {
  const ph = currentPhase(schedule, at);
  schedule.current_phase = ph ? { end_date: ph.end_date, start_date: ph.start_date } : null;
}
