import type { CancellationReason } from '@portal/contract';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../provider';
import { useIdempotentMutation } from './use-idempotent-mutation';

export type CancelStep = 'survey' | 'offer' | 'confirm';

/**
 * Headless cancel flow: survey → retention offer (only when one is configured) → final choice.
 * The reason and comment travel to Stripe's `cancellation_details`.
 */
export function useCancelFlow(subscriptionId: string) {
  const trpc = useTRPC();
  const refresh = [trpc.billing.overview.pathFilter(), trpc.billing.invoices.pathFilter()];
  const config = useQuery(trpc.billing.portal.config.queryOptions());
  const offer = useQuery(trpc.billing.subscription.retentionOffer.queryOptions({ subscriptionId }));
  const [step, setStep] = useState<CancelStep>('survey');
  const [reason, setReason] = useState<CancellationReason | undefined>(undefined);
  const [comment, setComment] = useState('');
  const cancel = useIdempotentMutation(trpc.billing.subscription.cancel.mutationOptions(), refresh);
  const accept = useIdempotentMutation(trpc.billing.subscription.acceptRetentionOffer.mutationOptions(), refresh);
  const hasOffer = Boolean(offer.data?.offer);
  const steps: CancelStep[] = hasOffer ? ['survey', 'offer', 'confirm'] : ['survey', 'confirm'];
  return {
    isLoading: config.isPending || offer.isPending,
    error: config.error ?? offer.error,
    mode: config.data?.features.subscriptionCancel.mode ?? 'at_period_end',
    reasons: withOtherLast(config.data?.features.subscriptionCancel.reasons ?? { enabled: false, options: [] }),
    offer: offer.data?.offer ?? null,
    step,
    stepNumber: steps.indexOf(step) + 1,
    totalSteps: steps.length,
    reason,
    setReason,
    comment,
    setComment,
    next() {
      setStep(step === 'survey' && hasOffer ? 'offer' : 'confirm');
    },
    back() {
      setStep(steps[Math.max(0, steps.indexOf(step) - 1)]!);
    },
    cancel,
    accept,
    confirmCancel() {
      return cancel.mutateAsync({
        subscriptionId,
        ...(reason ? { reason } : {}),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
    },
    acceptOffer() {
      return accept.mutateAsync({ subscriptionId });
    },
  };
}

/** The configured order, except that the catch-all "Other reason" always comes last, as in any survey. */
function withOtherLast<R extends string>(reasons: {
  enabled: boolean;
  options: R[];
}): { enabled: boolean; options: R[] } {
  return {
    ...reasons,
    options: [...reasons.options.filter((r) => r !== 'other'), ...reasons.options.filter((r) => r === 'other')],
  };
}
