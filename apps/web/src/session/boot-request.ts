import type { AppRouter, BillingClient } from '@portal/client';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { createTRPCOptionsProxy } from '@trpc/tanstack-react-query';

/**
 * What index.html's inline script leaves behind: the first screen's tRPC batch, requested while
 * the scripts were still downloading. `answer` is tRPC's batch response (one item per path, in
 * order), or null if the request failed.
 */
export interface BootRequest {
  paths: string[];
  startedAt: number;
  answer: Promise<unknown>;
}

declare global {
  interface Window {
    __portalBoot?: BootRequest;
  }
}

/** Past this the page renders anyway and its queries ask the server themselves. */
const WAIT_AT_MOST_MS = 5_000;

type BatchItem = { result?: { data?: unknown } };

/**
 * Puts the boot request's answers into the query cache before the first render, each as of when it
 * was requested, so the session check and the overview do not wait for the entry script and then
 * for each other. Only answers that succeeded are used (a failed one is asked again the usual way);
 * they live in the cache like any other answer, so a sign-out forgets them with the rest.
 */
export async function seedFromBootRequest(
  boot: BootRequest | undefined,
  client: BillingClient,
  queryClient: QueryClient,
): Promise<void> {
  if (!boot) return;
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), WAIT_AT_MOST_MS));
  const answer = await Promise.race([boot.answer, timeout]);
  if (!Array.isArray(answer) || answer.length !== boot.paths.length) return;
  const keys = queryKeys(client, queryClient);
  boot.paths.forEach((path, index) => {
    const key = keys[path];
    const item = answer[index] as BatchItem | null;
    if (!key || !item?.result || !('data' in item.result)) return;
    if (queryClient.getQueryData(key) !== undefined) return;
    queryClient.setQueryData(key, item.result.data, { updatedAt: boot.startedAt });
  });
}

/** The query keys the components use for the procedures index.html may ask for (none takes input). */
function queryKeys(client: BillingClient, queryClient: QueryClient): Record<string, QueryKey> {
  const trpc = createTRPCOptionsProxy<AppRouter>({ client, queryClient });
  return {
    'session.me': trpc.session.me.queryKey(),
    'session.branding': trpc.session.branding.queryKey(),
    'billing.portal.config': trpc.billing.portal.config.queryKey(),
    'billing.customer.get': trpc.billing.customer.get.queryKey(),
    'billing.overview': trpc.billing.overview.queryKey(),
  };
}
