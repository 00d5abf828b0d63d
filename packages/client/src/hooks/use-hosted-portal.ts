import type { HostedSessionInput } from '@portal/contract';
import { useTRPC } from '../provider';
import { useIdempotentMutation } from './use-idempotent-mutation';

/** Creates a hosted-portal session and sends the browser there (Stripe's portal is the fallback). */
export function useHostedPortal() {
  const trpc = useTRPC();
  const mutation = useIdempotentMutation(trpc.billing.portal.hostedSession.mutationOptions());
  return {
    ...mutation,
    async open(input: Omit<HostedSessionInput, 'idempotencyKey'>) {
      const { url } = await mutation.mutateAsync(input);
      window.location.assign(url);
    },
  };
}
