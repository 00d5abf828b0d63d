import { PauseInput, SubscriptionMutationInput, SubscriptionView } from '@portal/contract';
import { pauseSubscription, resumeSubscription } from './pause';
import { loadSubscriptionScope } from './subscription-scope';
import { mutationProcedure } from '../../trpc';

export const pauseProcedure = mutationProcedure
  .input(PauseInput)
  .output(SubscriptionView)
  .mutation(async ({ ctx, input }) =>
    pauseSubscription(
      ctx,
      await loadSubscriptionScope(ctx, ctx.customerId, input.subscriptionId),
      input.resumesAt,
      ctx.stripeKey,
    ),
  );

export const resumeProcedure = mutationProcedure
  .input(SubscriptionMutationInput)
  .output(SubscriptionView)
  .mutation(async ({ ctx, input }) =>
    resumeSubscription(ctx, await loadSubscriptionScope(ctx, ctx.customerId, input.subscriptionId), ctx.stripeKey),
  );
