import { invalidRequest } from '../errors.js';

/**
 * The `stripe` SDK's params type for every endpoint the emulator serves, keyed by
 * `METHOD route-pattern` exactly as registered on the router. `scripts/generate-sdk-schemas.ts`
 * turns each type into a JSON Schema (`schemas.json`), which the request path uses to tell a
 * parameter Stripe does not have (`parameter_unknown`) from one the emulator does not implement.
 */
export const SDK_PARAMS: Readonly<Record<string, string>> = {
  'POST /v1/customers': 'CustomerCreateParams',
  'GET /v1/customers': 'CustomerListParams',
  'GET /v1/customers/search': 'CustomerSearchParams',
  'GET /v1/customers/:id': 'CustomerRetrieveParams',
  'POST /v1/customers/:id': 'CustomerUpdateParams',
  'DELETE /v1/customers/:id': 'CustomerDeleteParams',
  'POST /v1/customers/:id/tax_ids': 'CustomerCreateTaxIdParams',
  'GET /v1/customers/:id/tax_ids': 'CustomerListTaxIdsParams',
  'GET /v1/customers/:id/tax_ids/:tax': 'CustomerRetrieveTaxIdParams',
  'DELETE /v1/customers/:id/tax_ids/:tax': 'CustomerDeleteTaxIdParams',
  'GET /v1/customers/:id/payment_methods': 'CustomerListPaymentMethodsParams',
  'GET /v1/customers/:id/balance_transactions': 'CustomerListBalanceTransactionsParams',
  'GET /v1/customers/:id/balance_transactions/:txn': 'CustomerRetrieveBalanceTransactionParams',
  'GET /v1/customers/:id/payment_methods/:pm': 'CustomerRetrievePaymentMethodParams',
  'GET /v1/tax_ids': 'TaxIdListParams',
  'GET /v1/tax_ids/:id': 'TaxIdRetrieveParams',

  'POST /v1/products': 'ProductCreateParams',
  'GET /v1/products': 'ProductListParams',
  'GET /v1/products/search': 'ProductSearchParams',
  'GET /v1/products/:id': 'ProductRetrieveParams',
  'POST /v1/products/:id': 'ProductUpdateParams',
  'DELETE /v1/products/:id': 'ProductDeleteParams',
  'POST /v1/prices': 'PriceCreateParams',
  'GET /v1/prices': 'PriceListParams',
  'GET /v1/prices/search': 'PriceSearchParams',
  'GET /v1/prices/:id': 'PriceRetrieveParams',
  'POST /v1/prices/:id': 'PriceUpdateParams',
  'POST /v1/coupons': 'CouponCreateParams',
  'GET /v1/coupons': 'CouponListParams',
  'GET /v1/coupons/:id': 'CouponRetrieveParams',
  'POST /v1/coupons/:id': 'CouponUpdateParams',
  'DELETE /v1/coupons/:id': 'CouponDeleteParams',
  'POST /v1/promotion_codes': 'PromotionCodeCreateParams',
  'GET /v1/promotion_codes': 'PromotionCodeListParams',
  'GET /v1/promotion_codes/:id': 'PromotionCodeRetrieveParams',
  'POST /v1/promotion_codes/:id': 'PromotionCodeUpdateParams',

  'POST /v1/subscriptions': 'SubscriptionCreateParams',
  'GET /v1/subscriptions': 'SubscriptionListParams',
  'GET /v1/subscriptions/search': 'SubscriptionSearchParams',
  'GET /v1/subscriptions/:id': 'SubscriptionRetrieveParams',
  'POST /v1/subscriptions/:id': 'SubscriptionUpdateParams',
  'DELETE /v1/subscriptions/:id': 'SubscriptionCancelParams',
  'DELETE /v1/subscriptions/:id/discount': 'SubscriptionDeleteDiscountParams',
  'POST /v1/subscriptions/:id/pause': 'SubscriptionPauseParams',
  'POST /v1/subscriptions/:id/resume': 'SubscriptionResumeParams',
  'POST /v1/subscription_items': 'SubscriptionItemCreateParams',
  'GET /v1/subscription_items': 'SubscriptionItemListParams',
  'GET /v1/subscription_items/:id': 'SubscriptionItemRetrieveParams',
  'POST /v1/subscription_items/:id': 'SubscriptionItemUpdateParams',
  'DELETE /v1/subscription_items/:id': 'SubscriptionItemDeleteParams',
  'POST /v1/subscription_schedules': 'SubscriptionScheduleCreateParams',
  'GET /v1/subscription_schedules': 'SubscriptionScheduleListParams',
  'GET /v1/subscription_schedules/:id': 'SubscriptionScheduleRetrieveParams',
  'POST /v1/subscription_schedules/:id': 'SubscriptionScheduleUpdateParams',
  'POST /v1/subscription_schedules/:id/release': 'SubscriptionScheduleReleaseParams',
  'POST /v1/subscription_schedules/:id/cancel': 'SubscriptionScheduleCancelParams',

  'POST /v1/invoices': 'InvoiceCreateParams',
  'GET /v1/invoices': 'InvoiceListParams',
  'GET /v1/invoices/search': 'InvoiceSearchParams',
  'POST /v1/invoices/create_preview': 'InvoiceCreatePreviewParams',
  'GET /v1/invoices/:id': 'InvoiceRetrieveParams',
  'POST /v1/invoices/:id': 'InvoiceUpdateParams',
  'DELETE /v1/invoices/:id': 'InvoiceDeleteParams',
  'GET /v1/invoices/:id/lines': 'InvoiceListLineItemsParams',
  'POST /v1/invoices/:id/finalize': 'InvoiceFinalizeInvoiceParams',
  'POST /v1/invoices/:id/pay': 'InvoicePayParams',
  'POST /v1/invoices/:id/void': 'InvoiceVoidInvoiceParams',
  'POST /v1/invoices/:id/mark_uncollectible': 'InvoiceMarkUncollectibleParams',
  'POST /v1/invoices/:id/send': 'InvoiceSendInvoiceParams',
  'POST /v1/invoiceitems': 'InvoiceItemCreateParams',
  'GET /v1/invoiceitems': 'InvoiceItemListParams',
  'GET /v1/invoiceitems/:id': 'InvoiceItemRetrieveParams',
  'POST /v1/invoiceitems/:id': 'InvoiceItemUpdateParams',
  'DELETE /v1/invoiceitems/:id': 'InvoiceItemDeleteParams',

  'POST /v1/payment_methods': 'PaymentMethodCreateParams',
  'GET /v1/payment_methods': 'PaymentMethodListParams',
  'GET /v1/payment_methods/:id': 'PaymentMethodRetrieveParams',
  'POST /v1/payment_methods/:id': 'PaymentMethodUpdateParams',
  'POST /v1/payment_methods/:id/attach': 'PaymentMethodAttachParams',
  'POST /v1/payment_methods/:id/detach': 'PaymentMethodDetachParams',
  'POST /v1/setup_intents': 'SetupIntentCreateParams',
  'GET /v1/setup_intents': 'SetupIntentListParams',
  'GET /v1/setup_intents/:id': 'SetupIntentRetrieveParams',
  'POST /v1/setup_intents/:id': 'SetupIntentUpdateParams',
  'POST /v1/setup_intents/:id/confirm': 'SetupIntentConfirmParams',
  'POST /v1/setup_intents/:id/cancel': 'SetupIntentCancelParams',
  'POST /v1/payment_intents': 'PaymentIntentCreateParams',
  'GET /v1/payment_intents': 'PaymentIntentListParams',
  'GET /v1/payment_intents/:id': 'PaymentIntentRetrieveParams',
  'POST /v1/payment_intents/:id/confirm': 'PaymentIntentConfirmParams',
  'POST /v1/payment_intents/:id/cancel': 'PaymentIntentCancelParams',

  'POST /v1/webhook_endpoints': 'WebhookEndpointCreateParams',
  'GET /v1/webhook_endpoints': 'WebhookEndpointListParams',
  'GET /v1/webhook_endpoints/:id': 'WebhookEndpointRetrieveParams',
  'POST /v1/webhook_endpoints/:id': 'WebhookEndpointUpdateParams',
  'DELETE /v1/webhook_endpoints/:id': 'WebhookEndpointDeleteParams',
  'GET /v1/events': 'EventListParams',
  'GET /v1/events/:id': 'EventRetrieveParams',
  'POST /v1/test_helpers/test_clocks': 'TestHelpers.TestClockCreateParams',
  'GET /v1/test_helpers/test_clocks': 'TestHelpers.TestClockListParams',
  'GET /v1/test_helpers/test_clocks/:id': 'TestHelpers.TestClockRetrieveParams',
  'POST /v1/test_helpers/test_clocks/:id/advance': 'TestHelpers.TestClockAdvanceParams',
  'DELETE /v1/test_helpers/test_clocks/:id': 'TestHelpers.TestClockDeleteParams',
  'POST /v1/billing_portal/configurations': 'BillingPortal.ConfigurationCreateParams',
  'GET /v1/billing_portal/configurations': 'BillingPortal.ConfigurationListParams',
  'GET /v1/billing_portal/configurations/:id': 'BillingPortal.ConfigurationRetrieveParams',
  'POST /v1/billing_portal/configurations/:id': 'BillingPortal.ConfigurationUpdateParams',
  'POST /v1/billing_portal/sessions': 'BillingPortal.SessionCreateParams',
};

/**
 * Parameters the SDK no longer declares for which Stripe answers a dedicated error rather than
 * `parameter_unknown` (STRIPE-NOTES.md: `payment_method_types_no_longer_supported`). Run first.
 */
function rejectPaymentMethodTypes(params: Record<string, unknown>): void {
  if (params.payment_method_types !== undefined)
    throw invalidRequest(
      'The `payment_method_types` parameter is no longer supported with this API version. Use `automatic_payment_methods[enabled]=true` or `allowed_payment_method_types` instead.',
      'payment_method_types',
      'payment_method_types_no_longer_supported',
    );
}

export const RETIRED_PARAMS: Readonly<Record<string, (params: Record<string, unknown>) => void>> = {
  'POST /v1/setup_intents': rejectPaymentMethodTypes,
  'POST /v1/setup_intents/:id': rejectPaymentMethodTypes,
  'POST /v1/payment_intents': rejectPaymentMethodTypes,
};
