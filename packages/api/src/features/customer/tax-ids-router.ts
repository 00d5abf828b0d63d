import { AddTaxIdInput, RemoveTaxIdInput, TaxIdListOutput, TaxIdView } from '@portal/contract';
import { addTaxId, listTaxIds, removeTaxId } from './tax-ids';
import { customerProcedure, mutationProcedure, router } from '../../trpc';

export const taxIdsRouter = router({
  list: customerProcedure.output(TaxIdListOutput).query(({ ctx }) => listTaxIds(ctx, ctx.customerId)),
  add: mutationProcedure
    .input(AddTaxIdInput)
    .output(TaxIdView)
    .mutation(({ ctx, input }) => addTaxId(ctx, ctx.customerId, input, ctx.stripeKey)),
  remove: mutationProcedure
    .input(RemoveTaxIdInput)
    .output(TaxIdListOutput)
    .mutation(({ ctx, input }) => removeTaxId(ctx, ctx.customerId, input.taxIdId, ctx.stripeKey)),
});
