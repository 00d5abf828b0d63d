import { ErrorReason, type ChangePreview } from '@portal/contract';
import type Stripe from 'stripe';
import type { Deps } from '../../context';
import { discountOf, sumOf, taxOf, toPreviewLine } from '../../mappers/invoice-preview';
import { productNameOf, toPricedLine } from '../../mappers/price';
import { productIdOf } from '../../stripe/ids';
import { periodEndOf } from '../../mappers/subscription';
import { isoOf } from '../../mappers/time';
import { badRequest } from '../../refusals';
import type { PlannedItem } from './change-timing';
import type { ChangePlan } from './plan-change';

/** How long a preview's numbers may be confirmed: long enough to read, short enough to stay true. */
export const PREVIEW_TTL_SECONDS = 30 * 60;

const listTotal = (items: PlannedItem[]) => items.reduce((sum, i) => sum + (i.price.unit_amount ?? 0) * i.quantity, 0);
const periodStartOf = (sub: Stripe.Subscription) => Math.max(...sub.items.data.map((i) => i.current_period_start));

function addInterval(unix: number, price: Stripe.Price): number {
  const d = new Date(unix * 1000);
  const n = price.recurring?.interval_count ?? 1;
  if (price.recurring?.interval === 'year') d.setUTCFullYear(d.getUTCFullYear() + n);
  else if (price.recurring?.interval === 'week') d.setUTCDate(d.getUTCDate() + 7 * n);
  else if (price.recurring?.interval === 'day') d.setUTCDate(d.getUTCDate() + n);
  else d.setUTCMonth(d.getUTCMonth() + n);
  return Math.floor(d.getTime() / 1000);
}

const sameItems = (a: PlannedItem[], b: PlannedItem[]) =>
  a.length === b.length &&
  a.every((x) => b.some((y) => y.itemId === x.itemId && y.price.id === x.price.id && y.quantity === x.quantity));

/** A proration date the client sent back must be its preview's: recent and inside this period. */
export function checkProrationDate(plan: ChangePlan, prorationDate: number, now: Date): void {
  const nowUnix = Math.floor(now.getTime() / 1000);
  const stale = prorationDate < nowUnix - PREVIEW_TTL_SECONDS || prorationDate < periodStartOf(plan.scope.sub);
  if (stale || prorationDate > nowUnix + 60)
    throw badRequest('This preview has expired. Please review the change again.', ErrorReason.previewExpired);
}

/** The names of the products a preview's lines can bill (the plans before and after), for the client to show. */
async function productNamesOf(deps: Deps, items: PlannedItem[]): Promise<Map<string, string>> {
  const ids = [...new Set(items.map((i) => productIdOf(i.price)))];
  const products = await Promise.all(ids.map((id) => deps.catalog.product(id)));
  const byId = new Map(items.map((i) => [productIdOf(i.price), i.price]));
  return new Map(ids.map((id, n) => [id, productNameOf(byId.get(id)!, products[n])]));
}

/** Whether Stripe bills the change at once: always_invoice, or a new interval starting a new period. */
export function invoicesNow(plan: ChangePlan): boolean {
  if (plan.scope.sub.status === 'trialing') return false;
  // Only a promotion code: nothing is billed today, the code discounts the next invoice.
  if (sameItems(plan.before, plan.after)) return false;
  const before = plan.before[0]!.price.recurring;
  const after = plan.after[0]!.price.recurring;
  const newPeriod = before?.interval !== after?.interval || before?.interval_count !== after?.interval_count;
  return newPeriod || plan.scope.config.features.subscription_update.proration_behavior === 'always_invoice';
}

/**
 * The itemised preview. A change applied now is priced by Stripe (`invoices.createPreview` with
 * the very items, proration behaviour, date and discounts `change` will send); a change booked for
 * the period end costs nothing today and the next invoice carries the new list prices.
 */
export async function previewChange(deps: Deps, plan: ChangePlan, prorationDate: number): Promise<ChangePreview> {
  const { sub, config, customer } = plan.scope;
  const currency = sub.currency;
  const periodEnd = periodEndOf(sub) ?? prorationDate;
  const catalog = await Promise.all(plan.after.map((i) => deps.catalog.product(productIdOf(i.price))));
  const items = plan.after.map((i, n) => ({ itemId: i.itemId, ...toPricedLine(i.price, catalog[n], i.quantity) }));
  const zero = { amount: 0, currency };
  if (plan.timing === 'period_end') {
    const total = { amount: listTotal(plan.after), currency };
    const lines = items.map((i) => ({
      description: null,
      amount: { amount: (i.unitAmount?.amount ?? 0) * i.quantity, currency },
      kind: 'recurring' as const,
      productName: i.productName,
      quantity: i.quantity,
      periodStart: isoOf(periodEnd),
      periodEnd: null,
    }));
    return {
      subscriptionId: sub.id,
      prorationDate,
      timing: 'period_end',
      effectiveAt: isoOf(periodEnd),
      lines,
      credit: zero,
      charge: zero,
      discount: zero,
      tax: zero,
      total: zero,
      dueToday: zero,
      nextInvoice: { date: isoOf(periodEnd), amount: total },
      items,
    };
  }
  const [invoice, names] = await Promise.all([
    deps.stripe.invoices.createPreview({
      customer: customer.id,
      subscription: sub.id,
      subscription_details: {
        items: plan.stripeItems,
        proration_behavior: config.features.subscription_update.proration_behavior,
        proration_date: prorationDate,
      },
      ...(plan.discounts ? { discounts: plan.discounts } : {}),
    }),
    productNamesOf(deps, [...plan.before, ...plan.after]),
  ]);
  const lines = invoice.lines.data.map((line) => toPreviewLine(line, names));
  const immediate = invoicesNow(plan);
  const renewsAt =
    immediate && plan.before[0]!.price.recurring?.interval !== plan.after[0]!.price.recurring?.interval
      ? addInterval(prorationDate, plan.after[0]!.price)
      : periodEnd;
  return {
    subscriptionId: sub.id,
    prorationDate,
    timing: 'now',
    effectiveAt: isoOf(prorationDate),
    lines,
    credit: sumOf(lines, 'credit', invoice.currency),
    charge: sumOf(lines, 'charge', invoice.currency),
    discount: discountOf(invoice),
    tax: taxOf(invoice),
    total: immediate
      ? { amount: invoice.total, currency: invoice.currency }
      : { amount: 0, currency: invoice.currency },
    dueToday: immediate
      ? { amount: invoice.amount_due, currency: invoice.currency }
      : { amount: 0, currency: invoice.currency },
    nextInvoice: immediate
      ? { date: isoOf(renewsAt), amount: { amount: listTotal(plan.after), currency } }
      : {
          date: isoOf(sub.status === 'trialing' && sub.trial_end ? sub.trial_end : periodEnd),
          amount: { amount: invoice.amount_due, currency: invoice.currency },
        },
    items,
  };
}
