import { ChangeInput, ChangeOutput, ChangePreview, PreviewChangeInput, SubscriptionMutationInput, SubscriptionView } from '@portal/contract';
import { confirmChange, isOwnPendingSchedule, releaseScheduledChange } from '../../services/change-apply';
import { previewChange } from '../../services/change-preview';
import { planChange } from '../../services/plan-change';
import { loadSubscriptionScope } from '../../services/subscription-scope';
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
    const plan = await planChange(ctx, own ? { ...scope, actions: { ...scope.actions, change: { allowed: true, reason: null } } } : scope, input);
    return confirmChange(ctx, plan, input.prorationDate, ctx.stripeKey);
  });

export const cancelScheduledChangeProcedure = mutationProcedure
  .input(SubscriptionMutationInput)
  .output(SubscriptionView)
  .mutation(async ({ ctx, input }) => releaseScheduledChange(ctx, await loadSubscriptionScope(ctx, ctx.customerId, input.subscriptionId), ctx.stripeKey));
