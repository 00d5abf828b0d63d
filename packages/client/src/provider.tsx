import type { AppRouter } from '@portal/api';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { useState, type ReactNode } from 'react';
import type { BillingClient } from './client';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** 4xx answers (not signed in, not found, refused) will not change on a retry; network blips may. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof TRPCClientError) {
    const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus;
    if (status !== undefined && status >= 400 && status < 500) return false;
  }
  return failureCount < 2;
}

export function createBillingQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // Billing data changes rarely and the server pushes changes; a minute of freshness is honest.
      queries: { staleTime: 60_000, retry: shouldRetry, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}

export interface BillingProviderProps {
  client: BillingClient;
  queryClient?: QueryClient;
  children: ReactNode;
}

/** Mounts TanStack Query and the typed tRPC context for everything below it. */
export function BillingProvider({ client, queryClient, children }: BillingProviderProps) {
  const [ownQueryClient] = useState(() => queryClient ?? createBillingQueryClient());
  return (
    <QueryClientProvider client={ownQueryClient}>
      <TRPCProvider trpcClient={client} queryClient={ownQueryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
