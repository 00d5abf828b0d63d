import { OverviewOutput } from '@portal/contract';
import type Stripe from 'stripe';
import { selectConfiguration } from '../../config';
import type { Deps } from '../../context';
import { toPaymentMethodSummary } from '../../mappers/payment-method-summary';
import { schedulePriceIds } from '../../mappers/schedule';
import { toSubscriptionView } from '../../mappers/subscription';
import { subscriptionActions } from '../subscriptions/subscription-actions';
import { cachedView } from '../../read-cache/cached-read';
import { loadCatalogLookup } from '../../stripe/catalog-lookup';
import { nextInvoiceOf } from '../invoices/next-invoice';
import { loadCustomer } from '../../viewer/guards';

// Four levels at most: the product behind a price is the catalog cache's job.
const LIST_EXPAND = [
  'data.schedule',
  'data.discounts.source.coupon',
  'data.discounts.promotion_code',
  'data.latest_invoice',
  'data.default_payment_method',
];

/** Warm, the overview costs no Stripe call: the view is cached until a mutation or webhook drops it. */
export function loadOverview(deps: Deps, customerId: string): Promise<OverviewOutput> {
  return cachedView(deps, customerId, 'overview', OverviewOutput, () => readOverview(deps, customerId));
}

/**
 * A cold overview is two sequential Stripe round trips: (1) the customer, their subscriptions and
 * the catalog, all at once; (2) one invoice preview per renewing subscription, each started as
 * soon as the subscription list is in (they do not wait for the customer).
 */
async function readOverview(deps: Deps, customerId: string): Promise<OverviewOutput> {
  deps.catalog.warm();
  const subscriptionsRead = deps.stripe.subscriptions
    .list({ customer: customerId, status: 'all', limit: 100, expand: LIST_EXPAND })
    .autoPagingToArray({ limit: 1000 });
  // The customer is read first so a customer deleted in Stripe is NOT_FOUND, whichever read fails first.
  const customerRead = loadCustomer(deps, customerId, ['invoice_settings.default_payment_method']);
  const [customer, subscriptions, catalog, nextInvoices] = await Promise.all([
    customerRead,
    subscriptionsRead,
    subscriptionsRead.then((subs) =>
      loadCatalogLookup(
        deps,
        subs.flatMap((s) => [...s.items.data.map((i) => i.price.id), ...schedulePriceIds(s.schedule)]),
      ),
    ),
    subscriptionsRead.then((subs) => Promise.all(subs.map((s) => nextInvoiceOf(deps, customerId, s)))),
  ]).catch(async (error: unknown) => {
    await customerRead; // rethrows NOT_FOUND when the customer is gone
    throw error;
  });
  const config = selectConfiguration(deps.portalConfig, customer);
  return {
    customer: { id: customerId, name: customer.name ?? null, email: customer.email ?? null },
    subscriptions: subscriptions.map((s, i) =>
      toSubscriptionView(s, catalog, { actions: subscriptionActions(s, config), nextInvoice: nextInvoices[i] ?? null }),
    ),
    defaultPaymentMethod: toPaymentMethodSummary(customer.invoice_settings?.default_payment_method),
    creditBalance: creditOf(customer, subscriptions),
  };
}

/** Stripe keeps credit as a negative balance; the customer reads it as a positive credit. */
function creditOf(customer: Stripe.Customer, subscriptions: Stripe.Subscription[]) {
  const currency = customer.currency ?? subscriptions[0]?.currency;
  if (!currency) return null;
  return { amount: -customer.balance, currency };
}
