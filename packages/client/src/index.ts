export { createBillingClient, type BillingClient, type BillingClientOptions } from './client';
export {
  BillingProvider,
  createBillingQueryClient,
  useTRPC,
  useTRPCClient,
  type BillingProviderProps,
} from './provider';
export { BillingPortal, type BillingPortalProps } from './components/billing-portal';
export { PortalRouter, PortalLink, useRouter, matchPath } from './routing/router';
export { SUPPORTED_LOCALES, resolveLocale, isRtl, type SupportedLocale } from './i18n/locales';
export { PortalIntl } from './i18n/portal-intl';
// The portal's own react-intl instance, so a host frame inside <PortalIntl> reads the same context.
export { useIntl as usePortalIntl } from 'react-intl';
export { errorText } from './components/error-text';
export { LocalePicker } from './components/locale-picker';
export { usePortalLocale } from './hooks/use-portal-locale';
export { brandingStyle, contrastRatio, textOn } from './theme/theme';
export type { AppRouter, RouterInputs, RouterOutputs } from '@portal/api';
export * from '@portal/contract';
export { ManageBillingButton, type ManageBillingButtonProps } from './components/manage-billing-button';
export { HostedPortalButton } from './components/hosted-portal-button';
export { useHostedPortal } from './hooks/use-hosted-portal';
export { useIdempotentMutation } from './hooks/use-idempotent-mutation';
export { usePlanChange } from './hooks/use-plan-change';
export { useCancelFlow } from './hooks/use-cancel-flow';
export { useSubscriptionActions } from './hooks/use-subscription-actions';
export { usePaymentMethods } from './hooks/use-payment-methods';
export { usePayInvoice } from './hooks/use-pay-invoice';
export { useInvoices, useSpendHistory, INVOICE_FILTERS, type InvoiceFilter } from './hooks/use-invoices';
export { useBillingDetails, useCustomerDetails, useTaxIds } from './hooks/use-billing-details';
export { spendByMonth } from './components/spend-buckets';
export { TAX_ID_TYPES } from './components/tax-id-types';
export { loadPortalStripe } from './stripe/load-stripe';
