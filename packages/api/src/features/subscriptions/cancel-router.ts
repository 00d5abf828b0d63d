import {
  CancelInput,
  RetentionOfferOutput,
  SubscriptionMutationInput,
  SubscriptionRef,
  SubscriptionView,
} from '@portal/contract';
import { cancelSubscription, reactivateSubscription } from './cancellation';
import { acceptRetentionOffer, retentionOffer } from './retention';
import { loadSubscriptionScope } from './subscription-scope';
import { customerProcedure, mutationProcedure } from '../../trpc';

export const cancelProcedure = mutationProcedure
  .input(CancelInput)
  .output(SubscriptionView)
  .mutation(async ({ ctx, input }) =>
    cancelSubscription(
      ctx,
      await loadSubscriptionScope(ctx, ctx.customerId, input.subscriptionId),
      input,
      ctx.stripeKey,
    ),
  );

/** What the cancel flow offers before the final step; `{ offer: null }` when nothing fits. */
export const retentionOfferProcedure = customerProcedure
  .input(SubscriptionRef)
  .output(RetentionOfferOutput)
  .query(async ({ ctx, input }) => {
    const offer = await retentionOffer(ctx, await loadSubscriptionScope(ctx, ctx.customerId, input.subscriptionId));
    return { offer: offer?.view ?? null };
  });

export const acceptRetentionOfferProcedure = mutationProcedure
  .input(SubscriptionMutationInput)
  .output(SubscriptionView)
  .mutation(async ({ ctx, input }) =>
    acceptRetentionOffer(ctx, await loadSubscriptionScope(ctx, ctx.customerId, input.subscriptionId), ctx.stripeKey),
  );

export const reactivateProcedure = mutationProcedure
  .input(SubscriptionMutationInput)
  .output(SubscriptionView)
  .mutation(async ({ ctx, input }) =>
    reactivateSubscription(ctx, await loadSubscriptionScope(ctx, ctx.customerId, input.subscriptionId), ctx.stripeKey),
  );
