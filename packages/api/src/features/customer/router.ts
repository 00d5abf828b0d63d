import { CustomerDetailsView, UpdateCustomerInput } from '@portal/contract';
import { getCustomerDetails, updateCustomerDetails } from './customer-details';
import { customerProcedure, mutationProcedure, router } from '../../trpc';

export const customerRouter = router({
  get: customerProcedure.output(CustomerDetailsView).query(({ ctx }) => getCustomerDetails(ctx, ctx.customerId)),
  update: mutationProcedure
    .input(UpdateCustomerInput)
    .output(CustomerDetailsView)
    .mutation(({ ctx, input: { idempotencyKey: _key, ...changes } }) =>
      updateCustomerDetails(ctx, ctx.customerId, changes, ctx.stripeKey),
    ),
});
