import {
  CreateSetupIntentInput,
  CreateSetupIntentOutput,
  PaymentMethodListOutput,
  RemovePaymentMethodInput,
  SetDefaultPaymentMethodInput,
} from '@portal/contract';
import { createSetupIntent, listPaymentMethods, removePaymentMethod, setDefaultPaymentMethod } from './payment-methods';
import { customerProcedure, mutationProcedure, router } from '../../trpc';

export const paymentMethodsRouter = router({
  list: customerProcedure.output(PaymentMethodListOutput).query(({ ctx }) => listPaymentMethods(ctx, ctx.customerId)),
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
