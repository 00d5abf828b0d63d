import type { AppRouter } from '@portal/api';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';

export interface BillingClientOptions {
  /** Base URL of the portal server's tRPC endpoint, e.g. `https://billing.example.com/trpc` or `/trpc`. */
  url: string;
  /** For host apps that authenticate with their own signed token (sent as a Bearer header). */
  getToken?: () => string | null | Promise<string | null>;
  /** Cookie sessions across origins need `include`; same-origin defaults work as they are. */
  credentials?: RequestCredentials;
  fetch?: typeof fetch;
}

/** A typed tRPC client for the portal. `AppRouter` is imported as a type: no server code ships. */
export function createBillingClient(options: BillingClientOptions) {
  const baseFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        // Live updates arrive over Server-Sent Events. EventSource cannot send headers, so a host
        // app's token travels as a connection parameter (short-lived, and kept out of server logs).
        true: httpSubscriptionLink({
          url: options.url,
          eventSourceOptions: () => ({ withCredentials: options.credentials === 'include' }),
          async connectionParams() {
            const token = await options.getToken?.();
            return token ? { authorization: token } : {};
          },
        }),
        false: httpBatchLink({
          url: options.url,
          async headers() {
            const token = await options.getToken?.();
            return token ? { authorization: `Bearer ${token}` } : {};
          },
          fetch: (input, init) => baseFetch(input, { ...init, credentials: options.credentials ?? 'same-origin' }),
        }),
      }),
    ],
  });
}

export type BillingClient = ReturnType<typeof createBillingClient>;
