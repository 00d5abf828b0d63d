import {
  ChangeInput,
  ChangeOutput,
  ChangePreview,
  PreviewChangeInput,
  SubscriptionMutationInput,
  SubscriptionView,
} from '@portal/contract';
import { TRPCError } from '@trpc/server';
import { changeAppliedBefore, confirmChange, isOwnPendingSchedule, releaseScheduledChange } from './change-apply';
import { reloadView } from './subscription-view';
import { previewChange } from './change-preview';
import { planChange } from './plan-change';
import { loadSubscriptionScope } from './subscription-scope';
import { customerProcedure, mutationProcedure } from '../../trpc';

/** Prices a change exactly; the returned `prorationDate` goes back with `change`. */
export const previewChangeProcedure = customerProcedure
  .input(PreviewChangeInput)
  .output(ChangePreview)
  .query(async ({ ctx, input }) => {
    const plan = await planChange(ctx, await loadSubscriptionScope(ctx, ctx.customerId, input.subscriptionId), input);
    return previewChange(ctx, plan, Math.floor(ctx.now().getTime() / 1000));
  });

/** Applies what was previewed (same items, same proration date), or books a downgrade for the period end. */
export const changeProcedure = mutationProcedure
  .input(ChangeInput)
  .output(ChangeOutput)
  .mutation(async ({ ctx, input }) => {
    const scope = await loadSubscriptionScope(ctx, ctx.customerId, input.subscriptionId);
    // A retry of a downgrade whose schedule this same key already created finishes it (see 007).
    const own = await isOwnPendingSchedule(ctx, scope, ctx.stripeKey);
    try {
      const plan = await planChange(
        ctx,
        own ? { ...scope, actions: { ...scope.actions, change: { allowed: true, reason: null } } } : scope,
        input,
      );
      return await confirmChange(ctx, plan, input.prorationDate, ctx.stripeKey);
    } catch (error) {
      const refused = error instanceof TRPCError && error.code === 'BAD_REQUEST';
      if (refused && (await changeAppliedBefore(ctx, scope.sub.id, ctx.stripeKey))) {
        return {
          subscription: await reloadView(ctx, scope.sub.id, scope.config),
          timing: 'now' as const,
          invoice: null,
        };
      }
      throw error;
    }
  });

export const cancelScheduledChangeProcedure = mutationProcedure
  .input(SubscriptionMutationInput)
  .output(SubscriptionView)
  .mutation(async ({ ctx, input }) =>
    releaseScheduledChange(ctx, await loadSubscriptionScope(ctx, ctx.customerId, input.subscriptionId), ctx.stripeKey),
  );
