import { ErrorReason } from '@portal/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { useState } from 'react';
import { useTRPC } from '../provider';
import { loadPortalStripe } from '../stripe/load-stripe';
import { useIdempotentMutation } from './use-idempotent-mutation';

/**
 * Pays an open invoice with a chosen saved card. When the bank asks for 3-D Secure, Stripe.js
 * runs the challenge in the page with the client secret the server returned.
 */
export function usePayInvoice(invoiceId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const open = useQuery(trpc.billing.invoices.list.queryOptions({ status: 'open', limit: 100 }));
  const methods = useQuery(trpc.billing.paymentMethods.list.queryOptions());
  const stripeConfig = useQuery(trpc.session.stripe.queryOptions());
  const refresh = [trpc.billing.invoices.pathFilter(), trpc.billing.overview.pathFilter()];
  const pay = useIdempotentMutation(trpc.billing.invoices.pay.mutationOptions(), refresh);
  const setDefault = useIdempotentMutation(trpc.billing.paymentMethods.setDefault.mutationOptions(), [
    trpc.billing.paymentMethods.pathFilter(),
    ...refresh,
  ]);
  const [authError, setAuthError] = useState<string | null>(null);
  const [authenticating, setAuthenticating] = useState(false);
  // Another tab, click or instance paid it first: nothing was charged twice, the lists are stale.
  const [alreadyPaid, setAlreadyPaid] = useState(false);

  /** `useForFuturePayments`: the server makes the card the default once paid (see PayInvoiceInput). */
  async function submit(paymentMethodId: string, useForFuturePayments = false): Promise<boolean> {
    setAuthError(null);
    const result = await pay
      .mutateAsync({ invoiceId, paymentMethodId, useForFuturePayments })
      .catch(async (error: unknown) => {
        if (
          error instanceof TRPCClientError &&
          (error.data as { reason?: string } | undefined)?.reason === ErrorReason.invoiceAlreadyPaid
        ) {
          setAlreadyPaid(true);
          await Promise.all(refresh.map((f) => queryClient.invalidateQueries(f)));
        }
        throw error;
      });
    if (result.status === 'paid') return true;
    setAuthenticating(true);
    try {
      const stripe = stripeConfig.data ? await loadPortalStripe(stripeConfig.data) : null;
      if (!stripe) throw new Error('Stripe.js is unavailable');
      const confirmed = await stripe.confirmPayment({
        clientSecret: result.clientSecret,
        confirmParams: { payment_method: paymentMethodId, return_url: window.location.href },
        redirect: 'if_required',
      });
      if (confirmed.error) {
        setAuthError(confirmed.error.message ?? 'The payment could not be authenticated.');
        return false;
      }
      // Paid only once the bank said yes in the browser: only now can the card become the default.
      if (useForFuturePayments) await setDefault.mutateAsync({ paymentMethodId });
      await Promise.all(refresh.map((f) => queryClient.invalidateQueries(f)));
      return true;
    } finally {
      setAuthenticating(false);
    }
  }

  return {
    isLoading: open.isPending || methods.isPending,
    error: open.error ?? methods.error,
    invoice: open.data?.invoices.find((i) => i.id === invoiceId) ?? null,
    methods: (methods.data?.paymentMethods ?? []).filter((m) => !m.expired),
    pay,
    submit,
    authenticating,
    authError,
    alreadyPaid,
  };
}
