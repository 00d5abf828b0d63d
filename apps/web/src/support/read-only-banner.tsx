import { usePortalIntl, useTRPC } from '@portal/client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

/** Always visible while a support agent views a customer's portal: nothing can be changed. */
export function ReadOnlyBanner() {
  const trpc = useTRPC();
  const intl = usePortalIntl();
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
    <div className="read-only-banner" role="region" aria-label={intl.formatMessage({ id: 'support.readOnly.region' })}>
      <span>
        {intl.formatMessage(
          { id: 'support.readOnly.text' },
          {
            name: customerName ?? intl.formatMessage({ id: 'support.readOnly.thisCustomer' }),
            strong: (chunks) => <strong>{chunks}</strong>,
          },
        )}
        {reason && (
          <>
            <br />
            <span className="read-only-reason">{intl.formatMessage({ id: 'support.reason' }, { reason })}</span>
          </>
        )}
      </span>
      <button type="button" onClick={() => stop.mutate()} disabled={stop.isPending}>
        {intl.formatMessage({ id: 'support.readOnly.stop' })}
      </button>
    </div>
  );
}
