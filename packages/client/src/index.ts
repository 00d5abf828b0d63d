export { createBillingClient, type BillingClient, type BillingClientOptions } from './client';
export { BillingProvider, createBillingQueryClient, useTRPC, useTRPCClient, type BillingProviderProps } from './provider';
export { BillingPortal, type BillingPortalProps } from './components/billing-portal';
export { PortalRouter, PortalLink, useRouter, matchPath } from './routing/router';
export { SUPPORTED_LOCALES, resolveLocale, isRtl, type SupportedLocale } from './i18n/locales';
export { brandingStyle, contrastRatio, textOn } from './theme/theme';
export type { AppRouter, RouterInputs, RouterOutputs } from '@portal/api';
export * from '@portal/contract';
