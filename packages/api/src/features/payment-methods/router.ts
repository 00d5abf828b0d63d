import {
  CreateSetupIntentInput,
  CreateSetupIntentOutput,
  PaymentMethodListOutput,
  RemovePaymentMethodInput,
  SetDefaultPaymentMethodInput,
} from '@portal/contract';
import { createSetupIntent, listPaymentMethods, removePaymentMethod, setDefaultPaymentMethod } from './payment-methods';
import { cachedView } from '../../read-cache/cached-read';
import { customerProcedure, mutationProcedure, router } from '../../trpc';

export const paymentMethodsRouter = router({
  list: customerProcedure.query(({ ctx }) =>
    cachedView(ctx, ctx.customerId, 'paymentMethods', PaymentMethodListOutput, () =>
      listPaymentMethods(ctx, ctx.customerId),
    ),
  ),
  createSetupIntent: mutationProcedure
    .input(CreateSetupIntentInput)
    .output(CreateSetupIntentOutput)
    .mutation(({ ctx }) => createSetupIntent(ctx, ctx.customerId, ctx.stripeKey)),
  setDefault: mutationProcedure
    .input(SetDefaultPaymentMethodInput)
    .output(PaymentMethodListOutput)
    .mutation(({ ctx, input }) => setDefaultPaymentMethod(ctx, ctx.customerId, input.paymentMethodId, ctx.stripeKey)),
  remove: mutationProcedure
    .input(RemovePaymentMethodInput)
    .output(PaymentMethodListOutput)
    .mutation(({ ctx, input }) => removePaymentMethod(ctx, ctx.customerId, input.paymentMethodId, ctx.stripeKey)),
});
