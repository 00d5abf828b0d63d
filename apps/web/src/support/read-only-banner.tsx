import { useTRPC } from '@portal/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

/** Always visible while a support agent views a customer's portal: nothing can be changed. */
export function ReadOnlyBanner() {
  const trpc = useTRPC();
  const customerName = useQuery(trpc.billing.overview.queryOptions()).data?.customer.name ?? null;
  const reason = useQuery(trpc.support.currentViewAs.queryOptions()).data?.reason ?? null;
  const queryClient = useQueryClient();
  const stop = useMutation(
    trpc.support.stopViewAs.mutationOptions({
      onSuccess: async () => {
        window.history.pushState(null, '', '/support');
        await queryClient.resetQueries();
      },
    }),
  );
  return (
    <div className="read-only-banner" role="region" aria-label="Read-only view">
      <span>
        <strong>Read-only view</strong> of {customerName ?? 'this customer'}’s billing. Every action is disabled and the server refuses changes.
        {reason && (
          <>
            <br />
            <span className="read-only-reason">Reason: {reason}</span>
          </>
        )}
      </span>
      <button type="button" onClick={() => stop.mutate()} disabled={stop.isPending}>Stop viewing</button>
    </div>
  );
}
