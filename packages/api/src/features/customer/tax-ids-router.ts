import { AddTaxIdInput, RemoveTaxIdInput, TaxIdListOutput, TaxIdView } from '@portal/contract';
import { addTaxId, listTaxIds, removeTaxId } from './tax-ids';
import { cachedView } from '../../read-cache/cached-read';
import { customerProcedure, mutationProcedure, router } from '../../trpc';

export const taxIdsRouter = router({
  list: customerProcedure.query(({ ctx }) =>
    cachedView(ctx, ctx.customerId, 'taxIds', TaxIdListOutput, () => listTaxIds(ctx, ctx.customerId)),
  ),
  add: mutationProcedure
    .input(AddTaxIdInput)
    .output(TaxIdView)
    .mutation(({ ctx, input }) => addTaxId(ctx, ctx.customerId, input, ctx.stripeKey)),
  remove: mutationProcedure
    .input(RemoveTaxIdInput)
    .output(TaxIdListOutput)
    .mutation(({ ctx, input }) => removeTaxId(ctx, ctx.customerId, input.taxIdId, ctx.stripeKey)),
});
