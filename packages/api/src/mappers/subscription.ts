import {
  SubscriptionStatus,
  type NextInvoiceView,
  type PlanView,
  type SubscriptionActions,
  type SubscriptionView,
} from '@portal/contract';
import type Stripe from 'stripe';
import { toDiscountView } from './discount';
import { toPaymentMethodSummary } from './payment-method-summary';
import { productNameOf, unitAmountOf, intervalOf } from './price';
import { productIdOf } from '../stripe/ids';
import { toScheduledChangeView, type CatalogLookup } from './schedule';
import { iso } from './time';

export function toPlanView(item: Stripe.SubscriptionItem, product: Stripe.Product | undefined): PlanView {
  const price = item.price;
  return {
    itemId: item.id,
    productId: productIdOf(price),
    productName: productNameOf(price, product),
    priceId: price.id,
    unitAmount: unitAmountOf(price),
    ...intervalOf(price),
    quantity: item.quantity ?? 1,
  };
}

/** Periods live on items; the subscription renews when its earliest item does. */
export function periodEndOf(sub: Stripe.Subscription): number | null {
  const ends = sub.items.data.map((i) => i.current_period_end).filter((n) => n > 0);
  return ends.length ? Math.min(...ends) : null;
}

function pastDueOf(sub: Stripe.Subscription) {
  if (!['past_due', 'unpaid', 'incomplete'].includes(sub.status)) return null;
  const invoice = sub.latest_invoice;
  if (!invoice || typeof invoice === 'string' || invoice.status !== 'open' || !invoice.id) return null;
  return {
    invoiceId: invoice.id,
    amountDue: { amount: invoice.amount_remaining, currency: invoice.currency },
    hostedInvoiceUrl: invoice.hosted_invoice_url ?? null,
  };
}

export interface SubscriptionExtras {
  actions?: SubscriptionActions;
  nextInvoice?: NextInvoiceView | null;
}

export function toSubscriptionView(
  sub: Stripe.Subscription,
  catalog: CatalogLookup,
  extras: SubscriptionExtras = {},
): SubscriptionView {
  const pause = sub.pause_collection;
  return {
    id: sub.id,
    // Stripe may add statuses; an unknown one shows as needing attention rather than failing the page.
    status: SubscriptionStatus.catch('incomplete').parse(sub.status),
    items: sub.items.data.map((item) => toPlanView(item, catalog.productOf(productIdOf(item.price)))),
    currentPeriodEnd: iso(periodEndOf(sub)),
    trialEnd: iso(sub.trial_end),
    cancelAtPeriodEnd: sub.cancel_at_period_end,
    cancelAt: iso(sub.cancel_at),
    pauseCollection: pause ? { behavior: pause.behavior, resumesAt: iso(pause.resumes_at) } : null,
    discounts: (sub.discounts ?? []).flatMap((d) => toDiscountView(d) ?? []),
    scheduledChange: toScheduledChangeView(sub.schedule, catalog),
    nextInvoice: extras.nextInvoice ?? null,
    pastDue: pastDueOf(sub),
    defaultPaymentMethod: toPaymentMethodSummary(sub.default_payment_method),
    ...(extras.actions ? { actions: extras.actions } : {}),
  };
}
