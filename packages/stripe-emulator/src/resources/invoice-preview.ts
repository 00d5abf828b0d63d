import type { Core } from '../core.js';
import { StripeError, invalidRequest, missingParameter } from '../errors.js';
import { randomToken } from '../ids.js';
import { parseFields, s, type Params } from '../params.js';
import type { StripeObject } from '../store.js';
import { cancelSubscription } from '../billing/cancel.js';
import { changeSubscription } from '../billing/change.js';
import { applyBalance, newInvoice } from '../billing/invoice-builder.js';
import { sweepPendingItems } from '../billing/invoicing.js';
import { addIntervals } from '../billing/periods.js';
import { meteredLine } from '../billing/metered-usage.js';
import { activeDiscounts, itemLine, productName } from '../billing/subscription-billing.js';
import { intervalOf, itemsOf, periodEndOf, periodStartOf } from './subscription-model.js';
import { billingCycleAnchorSpec, discountsSpec, updateItemFields } from './subscription-params.js';
import { phaseSpec } from './subscription-schedule-phases.js';
import { createSubscription } from './subscriptions.js';

/**
 * What the emulator honours. Tax (`automatic_tax`, `customer_details`, `default_tax_rates`),
 * one-off `invoice_items`, Connect (`issuer`, `on_behalf_of`), Accounts v2, flexible billing and
 * pauses are left out, so they answer `emulator_unsupported_parameter` instead of being ignored.
 */
const previewFields = {
  currency: s.string(),
  customer: s.string(),
  discounts: discountsSpec(),
  preview_mode: s.enum('next', 'recurring'),
  schedule: s.string(),
  // Only the parts the emulator honours; billing_mode and pause_schedules are refused.
  schedule_details: s.obj({
    end_behavior: s.enum('cancel', 'release'),
    phases: s.array(phaseSpec()),
    proration_behavior: s.enum('always_invoice', 'create_prorations', 'none'),
  }),
  subscription: s.string(),
  subscription_details: s.obj({
    billing_cycle_anchor: billingCycleAnchorSpec(),
    cancel_at: s.emptyable(s.oneOf(s.int({ min: 0 }), s.enum('max_period_end', 'min_period_end'))),
    cancel_at_period_end: s.bool(),
    cancel_now: s.bool(),
    items: s.array(s.obj(updateItemFields)),
    metadata: s.metadata(),
    proration_behavior: s.enum('always_invoice', 'create_prorations', 'none'),
    proration_date: s.int({ min: 0 }),
    resume_at: s.enum('now'),
    trial_end: s.timestampOrNow(),
  }),
};

function noUpcoming(customer: string): StripeError {
  return new StripeError(404, {
    type: 'invalid_request_error',
    code: 'invoice_upcoming_none',
    message: `No upcoming invoices for customer: ${customer}`,
  });
}

/** Presents an invoice computed in the sandbox the way Stripe shows a preview: an unsaved draft. */
function asPreview(core: Core, invoice: StripeObject, prorationDate: number | null): StripeObject {
  const out = core.store.render(invoice);
  out.id = `upcoming_in_${randomToken(14)}`;
  out.status = 'draft';
  out.number = null;
  out.hosted_invoice_url = null;
  out.invoice_pdf = null;
  out.amount_paid = 0;
  out.amount_remaining = out.amount_due;
  out.attempted = false;
  out.attempt_count = 0;
  out.status_transitions = { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null };
  out.effective_at = null;
  out.lines.url = `/v1/invoices/upcoming/lines`;
  for (const line of out.lines.data as StripeObject[]) {
    line.id = `il_tmp_${randomToken(14)}`;
    line.invoice = out.id;
  }
  if (prorationDate !== null && out.parent?.subscription_details)
    out.parent.subscription_details.subscription_proration_date = prorationDate;
  return out;
}

/** The invoice the subscription will produce at its next period end (after any pending change). */
function upcomingFor(core: Core, sub: StripeObject, customer: StripeObject): StripeObject {
  const end = sub.status === 'trialing' && sub.trial_end ? sub.trial_end : periodEndOf(core, sub);
  const canceling = sub.cancel_at !== null && sub.cancel_at <= end;
  // A schedule phase starting at the period end bills its own items then.
  const schedule = sub.schedule ? core.store.get(sub.schedule) : undefined;
  const nextPhase = (schedule?.phases as Params[] | undefined)?.find((ph) => ph.start_date === end);
  const current = itemsOf(core, sub.id);
  const billed = nextPhase
    ? (nextPhase.items as Params[]).map((i) => ({
        ...(current.find((si) => si.price === i.price) ?? { id: null }),
        price: i.price,
        quantity: i.quantity,
      }))
    : current;
  const lines = canceling
    ? []
    : billed.map((si) => {
        const price = core.store.find('price', si.price);
        // A metered item's line is the usage of the current period so far (billed in arrears at `end`).
        if (price.recurring?.usage_type === 'metered' && si.id)
          return meteredLine(
            core,
            sub,
            si as StripeObject,
            price,
            { start: periodStartOf(core, sub), end },
            productName(core, price),
          );
        const { interval, count } = intervalOf(price);
        return itemLine(core, sub, si as StripeObject, price, {
          start: end,
          end: addIntervals(end, interval, count, 1),
        });
      });
  const invoice = newInvoice(core, {
    customer,
    subscription: sub,
    billingReason: 'subscription_cycle',
    periodStart: periodStartOf(core, sub),
    periodEnd: end,
    lines,
    discounts: activeDiscounts(core, sub, customer, end),
    created: end,
  });
  core.store.put(invoice);
  sweepPendingItems(core, invoice, sub.id);
  if (invoice.lines.data.length === 0) throw noUpcoming(customer.id);
  invoice.next_payment_attempt = end + 3600;
  applyBalance(invoice, customer.balance ?? 0);
  return invoice;
}

/**
 * `schedule` / `schedule_details`: applies the phases to the subscription's schedule (made from
 * the subscription when it has none) inside the preview's sandbox, through the schedule API
 * itself, so the preview shows what that schedule update would bill. Returns the subscription id,
 * or, for a schedule that has not started, the first phase to preview as a new subscription.
 */
function applySchedule(core: Core, p: Params): { subscription?: string; firstPhase?: Params } {
  const { store } = core;
  const existing = p.schedule ? store.findReferenced('subscription_schedule', p.schedule, 'schedule') : null;
  const subId: string | undefined = p.subscription ?? existing?.subscription ?? undefined;
  if (existing && p.subscription && existing.subscription !== p.subscription)
    throw invalidRequest(`The schedule ${existing.id} does not manage subscription ${p.subscription}.`, 'schedule');
  const details = p.schedule_details as Params | undefined;
  if (!details?.phases)
    return existing && !subId ? { firstPhase: existing.phases[0] } : { ...(subId ? { subscription: subId } : {}) };
  if (!subId) return { firstPhase: details.phases[0] };
  const sub = store.findReferenced('subscription', subId, 'subscription');
  const scheduleId =
    existing?.id ?? sub.schedule ?? core.call('POST', '/v1/subscription_schedules', { from_subscription: sub.id }).id;
  core.call('POST', `/v1/subscription_schedules/${scheduleId}`, {
    phases: details.phases,
    ...(details.end_behavior ? { end_behavior: details.end_behavior } : {}),
    ...(details.proration_behavior ? { proration_behavior: details.proration_behavior } : {}),
  });
  return { subscription: sub.id };
}

function buildPreview(core: Core, input: Params): StripeObject {
  const { store } = core;
  const scheduled = input.schedule || input.schedule_details ? applySchedule(core, input) : {};
  const p: Params = scheduled.subscription ? { ...input, subscription: scheduled.subscription } : input;
  if (scheduled.firstPhase)
    p.subscription_details = {
      ...(p.subscription_details ?? {}),
      items: scheduled.firstPhase.items.map((i: Params) => ({ price: i.price, quantity: i.quantity })),
    };
  if (!p.customer && p.schedule) p.customer = store.find('subscription_schedule', p.schedule).customer;
  const sub = p.subscription ? store.findReferenced('subscription', p.subscription, 'subscription') : null;
  if (!p.customer && !sub) throw missingParameter('customer');
  const customer = store.findReferenced('customer', p.customer ?? sub?.customer, 'customer');
  if (sub && sub.customer !== customer.id)
    throw invalidRequest(`The subscription ${sub.id} does not belong to customer ${customer.id}.`, 'subscription');
  const d = (p.subscription_details ?? {}) as Params;
  if (!sub) {
    if (!d.items) {
      const invoice = newInvoice(core, {
        customer,
        subscription: null,
        billingReason: 'manual',
        periodStart: core.nowFor(customer.test_clock),
        periodEnd: core.nowFor(customer.test_clock),
        lines: [],
        discounts: [],
        created: core.nowFor(customer.test_clock),
      });
      store.put(invoice);
      sweepPendingItems(core, invoice, null);
      if (invoice.lines.data.length === 0) throw noUpcoming(customer.id);
      return asPreview(core, invoice, null);
    }
    const created = createSubscription(core, {
      customer: customer.id,
      items: d.items,
      payment_behavior: 'default_incomplete',
      ...(d.trial_end !== undefined ? { trial_end: d.trial_end } : {}),
      ...(p.discounts ? { discounts: p.discounts } : {}),
      ...(d.metadata ? { metadata: d.metadata } : {}),
    });
    return asPreview(core, store.find('invoice', created.latest_invoice), null);
  }
  if (d.cancel_now) {
    const invoice = cancelSubscription(core, sub, { prorate: d.proration_behavior !== 'none', invoice_now: true });
    if (!invoice) throw noUpcoming(customer.id);
    return asPreview(core, invoice, d.proration_date ?? null);
  }
  const change: Params = { payment_behavior: 'default_incomplete' };
  for (const k of [
    'items',
    'proration_behavior',
    'proration_date',
    'billing_cycle_anchor',
    'cancel_at_period_end',
    'cancel_at',
    'trial_end',
    'metadata',
  ])
    if (d[k] !== undefined) change[k] = d[k];
  if (p.discounts !== undefined) change.discounts = p.discounts;
  if (d.resume_at === 'now' && sub.status === 'paused') sub.status = 'active';
  const result =
    Object.keys(change).length > 1
      ? changeSubscription(core, sub, change)
      : { invoice: null, prorationDate: core.nowFor(sub.test_clock) };
  const prorationDate = d.proration_date ?? (d.items ? result.prorationDate : null);
  if (result.invoice) return asPreview(core, result.invoice, prorationDate);
  return asPreview(core, upcomingFor(core, sub, customer), prorationDate);
}

/** The renewal invoice `sub` will produce, as a preview (for `invoice.upcoming`); null when there is none. */
export function upcomingRenewal(core: Core, sub: StripeObject): StripeObject | null {
  const customer = core.store.find('customer', sub.customer);
  return core.sandbox(() => {
    try {
      return asPreview(core, upcomingFor(core, sub, customer), null);
    } catch (e) {
      if (e instanceof StripeError) return null;
      throw e;
    }
  });
}

export function registerInvoicePreview(core: Core): void {
  core.router.post('/v1/invoices/create_preview', (ctx) => {
    const p = parseFields(previewFields, ctx.body);
    // `recurring` previews the invoice without this change's prorations, which is not emulated.
    if (p.preview_mode === 'recurring')
      throw invalidRequest(
        'stripe-emulator only previews `preview_mode: next`.',
        'preview_mode',
        'emulator_unsupported_parameter',
      );
    // Compute by doing: the change runs for real in a sandbox that is always rolled back.
    return core.sandbox(() => buildPreview(core, p));
  });
}
