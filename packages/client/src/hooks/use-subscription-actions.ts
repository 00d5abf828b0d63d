import { useTRPC } from '../provider';
import { useIdempotentMutation } from './use-idempotent-mutation';

/**
 * The one-click subscription actions (keep plan, undo a scheduled change, pause, resume). Each
 * refreshes the overview and invoices when it succeeds.
 */
export function useSubscriptionActions() {
  const trpc = useTRPC();
  const refresh = [trpc.billing.overview.pathFilter(), trpc.billing.invoices.pathFilter()];
  return {
    reactivate: useIdempotentMutation(trpc.billing.subscription.reactivate.mutationOptions(), refresh),
    cancelScheduledChange: useIdempotentMutation(
      trpc.billing.subscription.cancelScheduledChange.mutationOptions(),
      refresh,
    ),
    pause: useIdempotentMutation(trpc.billing.subscription.pause.mutationOptions(), refresh),
    resume: useIdempotentMutation(trpc.billing.subscription.resume.mutationOptions(), refresh),
  };
}
