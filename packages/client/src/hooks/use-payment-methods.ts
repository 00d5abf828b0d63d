import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../provider';
import { useIdempotentMutation } from './use-idempotent-mutation';

/** Saved cards with set-default and remove; both refresh the list and the overview. */
export function usePaymentMethods() {
  const trpc = useTRPC();
  const refresh = [trpc.billing.paymentMethods.pathFilter(), trpc.billing.overview.pathFilter()];
  return {
    list: useQuery(trpc.billing.paymentMethods.list.queryOptions()),
    setDefault: useIdempotentMutation(trpc.billing.paymentMethods.setDefault.mutationOptions(), refresh),
    remove: useIdempotentMutation(trpc.billing.paymentMethods.remove.mutationOptions(), refresh),
    createSetupIntent: useIdempotentMutation(trpc.billing.paymentMethods.createSetupIntent.mutationOptions()),
  };
}
