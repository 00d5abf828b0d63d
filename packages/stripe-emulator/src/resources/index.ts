import type { Core } from '../core.js';
import { processTime } from '../billing/timeline.js';
import { registerUpcomingRenewals } from '../billing/upcoming-renewals.js';
import { registerBillingMeterEvents } from './billing-meter-events.js';
import { registerBillingMeters } from './billing-meters.js';
import { registerBillingPortal } from './billing-portal.js';
import { registerCoupons } from './coupons.js';
import { registerCustomerBalance } from './customer-balance.js';
import { registerInvoicePayments } from './invoice-payments.js';
import { registerCustomers } from './customers.js';
import { registerInvoiceItems } from './invoice-items.js';
import { registerInvoicePreview } from './invoice-preview.js';
import { registerInvoices } from './invoices.js';
import { registerPaymentIntents } from './payment-intents.js';
import { registerPaymentMethods } from './payment-methods.js';
import { registerPrices } from './prices.js';
import { registerProducts } from './products.js';
import { registerSetupIntents } from './setup-intents.js';
import { registerSubscriptionSchedules } from './subscription-schedules.js';
import { registerSubscriptions } from './subscriptions.js';
import { registerTaxIds } from './tax-ids.js';
import { registerTestClocks } from './test-clocks.js';
import { registerWebhookEndpoints } from './webhook-endpoints.js';

/**
 * Registers every emulated resource's routes, and each module's reactions and scheduled work, on
 * the core. The order below is the order handlers run in (time sources: earlier wins a tie).
 */
export function registerAll(core: Core): void {
  registerUpcomingRenewals(core);
  registerCustomers(core);
  registerProducts(core);
  registerPrices(core);
  registerPaymentMethods(core);
  registerSubscriptions(core);
  registerInvoicePreview(core);
  registerInvoices(core);
  registerInvoiceItems(core);
  registerCoupons(core);
  registerCustomerBalance(core);
  registerInvoicePayments(core);
  registerTaxIds(core);
  registerSetupIntents(core);
  registerPaymentIntents(core);
  registerWebhookEndpoints(core);
  registerTestClocks(core);
  registerSubscriptionSchedules(core);
  registerBillingPortal(core);
  registerBillingMeters(core);
  registerBillingMeterEvents(core);
  // Real time passes for objects not on a test clock: renewals happen as requests arrive.
  core.internal.on('request.received', () => processTime(core, null));
}
