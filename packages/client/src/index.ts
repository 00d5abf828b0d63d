export { createBillingClient, type BillingClient, type BillingClientOptions } from './client';
export { BillingProvider, createBillingQueryClient, useTRPC, useTRPCClient, type BillingProviderProps } from './provider';
export type { AppRouter, RouterInputs, RouterOutputs } from '@portal/api';
export * from '@portal/contract';
