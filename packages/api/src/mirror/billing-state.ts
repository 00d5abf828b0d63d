import type Stripe from 'stripe';
import type { Deps } from '../context';
import { notFound } from '../refusals';
import { loadCustomer } from '../viewer/guards';
import { needsPreview } from '../features/invoices/next-invoice';

/** The invoices a screen opens on: Stripe's newest page and every open one. */
export interface RecentInvoices {
  data: Stripe.Invoice[];
  /** Stripe has older invoices than these. */
  hasMore: boolean;
}

/** Stripe's preview of a subscription's next invoice; 'failed' when Stripe could not make one. */
export type NextInvoicePreview = Stripe.Invoice | 'failed' | null;

/**
 * What the portal's screens read about one customer. Two sources answer it the same way: the
 * Postgres mirror (the server) and Stripe itself (`liveBillingState`: the sync's reads, and tests
 * or tools that run without a mirror). Screens map it to views and never know which one answered.
 */
export interface BillingState {
  /** NOT_FOUND when the customer is deleted in Stripe. Its default payment method is expanded. */
  customer(): Promise<Stripe.Customer>;
  subscriptions(): Promise<Stripe.Subscription[]>;
  /** null when nothing comes next (not renewing, ending, collection paused). */
  preview(subscription: Stripe.Subscription): Promise<NextInvoicePreview>;
  paymentMethods(): Promise<Stripe.PaymentMethod[]>;
  taxIds(): Promise<Stripe.TaxId[]>;
  recentInvoices(): Promise<RecentInvoices>;
  /** When the mirror read this from Stripe; null for a live read. */
  readonly readAt: Date | null;
}

export const SUBSCRIPTION_EXPAND = [
  'data.schedule',
  'data.discounts.source.coupon',
  'data.discounts.promotion_code',
  'data.latest_invoice',
  'data.default_payment_method',
];

const RECENT_INVOICES = 100;

/** Each part read from Stripe once, when first asked for. */
export function liveBillingState(deps: Pick<Deps, 'stripe' | 'log'>, customerId: string): BillingState {
  const once = <T>(read: () => Promise<T>) => {
    let value: Promise<T> | null = null;
    return () => (value ??= read());
  };
  const previews = new Map<string, Promise<NextInvoicePreview>>();
  return {
    readAt: null,
    customer: once(() => loadCustomer(deps, customerId, ['invoice_settings.default_payment_method'])),
    subscriptions: once(() =>
      deps.stripe.subscriptions
        .list({ customer: customerId, status: 'all', limit: 100, expand: SUBSCRIPTION_EXPAND })
        .autoPagingToArray({ limit: 1000 }),
    ),
    preview(sub) {
      let preview = previews.get(sub.id);
      if (!preview) {
        preview = readPreview(deps, customerId, sub);
        previews.set(sub.id, preview);
      }
      return preview;
    },
    paymentMethods: once(() =>
      deps.stripe.customers.listPaymentMethods(customerId, { limit: 100 }).autoPagingToArray({ limit: 1000 }),
    ),
    taxIds: once(() => deps.stripe.customers.listTaxIds(customerId, { limit: 100 }).autoPagingToArray({ limit: 1000 })),
    recentInvoices: once(async () => {
      const [newest, open] = await Promise.all([
        deps.stripe.invoices.list({ customer: customerId, limit: RECENT_INVOICES }),
        deps.stripe.invoices.list({ customer: customerId, status: 'open', limit: 100 }),
      ]);
      // Open invoices missing from the newest page are older than all of it: they go after, in
      // Stripe's order (equal creation seconds keep Stripe's tie order, so nothing is re-sorted).
      const ids = new Set(newest.data.map((i) => i.id));
      const older = open.data.filter((i) => !ids.has(i.id));
      return { data: [...newest.data, ...older], hasMore: newest.has_more };
    }),
  };
}

async function readPreview(
  deps: Pick<Deps, 'stripe' | 'log'>,
  customerId: string,
  sub: Stripe.Subscription,
): Promise<NextInvoicePreview> {
  if (!needsPreview(sub)) return null;
  try {
    return await deps.stripe.invoices.createPreview({ customer: customerId, subscription: sub.id });
  } catch (error) {
    deps.log.warn({ err: error, subscription: sub.id }, 'invoice preview failed; showing list prices');
    return 'failed';
  }
}

/** A state answered from what a sync stored. */
export function storedBillingState(
  stored: {
    customer: Stripe.Customer | null;
    subscriptions: { object: Stripe.Subscription; preview: Stripe.Invoice | null; previewFailed: boolean }[];
    paymentMethods: Stripe.PaymentMethod[];
    taxIds: Stripe.TaxId[];
    invoices: RecentInvoices;
  },
  readAt: Date,
): BillingState {
  const previews = new Map(
    stored.subscriptions.map((s) => [s.object.id, s.previewFailed ? ('failed' as const) : s.preview]),
  );
  const subscriptions = stored.subscriptions.map((s) => s.object);
  return {
    readAt,
    async customer() {
      if (!stored.customer) throw notFound('customer');
      return stored.customer;
    },
    subscriptions: async () => subscriptions,
    preview: async (sub) => previews.get(sub.id) ?? null,
    paymentMethods: async () => stored.paymentMethods,
    taxIds: async () => stored.taxIds,
    recentInvoices: async () => stored.invoices,
  };
}

/** The customer's billing as screens read it: from the mirror when the server keeps one, else from Stripe. */
export function billingStateOf(deps: Deps, customerId: string): Promise<BillingState> | BillingState {
  return deps.mirror ? deps.mirror.read(customerId) : liveBillingState(deps, customerId);
}
