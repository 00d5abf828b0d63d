import type { BillingChange, ChangedResource } from '@portal/contract';
import { useQueryClient, type QueryFilters } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useTRPC } from '../provider';

/**
 * Keeps the screen honest without a reload: the server pushes each change Stripe reports for this
 * customer (webhooks, also after a trip to the hosted portal) and only the affected data refetches.
 */
export function useLiveUpdates(enabled: boolean) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const affected: Record<ChangedResource, QueryFilters[]> = {
    subscriptions: [trpc.billing.overview.pathFilter(), trpc.billing.invoices.pathFilter()],
    invoices: [trpc.billing.invoices.pathFilter(), trpc.billing.overview.pathFilter()],
    customer: [trpc.billing.customer.pathFilter(), trpc.billing.overview.pathFilter()],
    paymentMethods: [trpc.billing.paymentMethods.pathFilter(), trpc.billing.overview.pathFilter()],
    taxIds: [trpc.billing.taxIds.pathFilter()],
    portal: [trpc.billing.overview.pathFilter()],
  };
  useSubscription(
    trpc.billing.changes.subscriptionOptions(undefined, {
      enabled,
      onData: (change: BillingChange) => {
        for (const filter of affected[change.resource] ?? []) void queryClient.invalidateQueries(filter);
      },
    }),
  );
}
