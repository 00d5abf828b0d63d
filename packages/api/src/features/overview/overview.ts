import type { OverviewOutput } from '@portal/contract';
import type Stripe from 'stripe';
import { selectConfiguration } from '../../config';
import type { Deps } from '../../context';
import { toPaymentMethodSummary } from '../../mappers/payment-method-summary';
import { schedulePriceIds } from '../../mappers/schedule';
import { toSubscriptionView } from '../../mappers/subscription';
import { billingStateOf } from '../../mirror/billing-state';
import { loadCatalogLookup } from '../../stripe/catalog-lookup';
import { toNextInvoice } from '../invoices/next-invoice';
import { subscriptionActions } from '../subscriptions/subscription-actions';

/**
 * The overview, from the customer's billing state (the mirror on the server: no Stripe call). Read
 * live, it is two sequential Stripe round trips: the customer, their subscriptions and the catalog
 * at once, then one invoice preview per renewing subscription.
 */
export async function loadOverview(deps: Deps, customerId: string): Promise<OverviewOutput> {
  deps.catalog.warm();
  const state = await billingStateOf(deps, customerId);
  const subscriptionsRead = state.subscriptions();
  // The customer is read first so a customer deleted in Stripe is NOT_FOUND, whichever read fails first.
  const customerRead = state.customer();
  const [customer, subscriptions, catalog, nextInvoices] = await Promise.all([
    customerRead,
    subscriptionsRead,
    subscriptionsRead.then((subs) =>
      loadCatalogLookup(
        deps,
        subs.flatMap((s) => [...s.items.data.map((i) => i.price.id), ...schedulePriceIds(s.schedule)]),
      ),
    ),
    subscriptionsRead.then((subs) => Promise.all(subs.map(async (s) => toNextInvoice(s, await state.preview(s))))),
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
