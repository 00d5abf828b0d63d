import { InvoiceListInput, InvoiceListOutput, PayInvoiceInput, PayInvoiceOutput } from '@portal/contract';
import { listInvoices, payInvoice } from './invoices';
import { cachedView } from '../../read-cache/cached-read';
import { customerProcedure, mutationProcedure, router } from '../../trpc';

export const invoicesRouter = router({
  list: customerProcedure
    .input(InvoiceListInput)
    // Only first pages are cached: they are what screens open on; deeper pages are rare.
    .query(async ({ ctx, input }) =>
      input.cursor
        ? InvoiceListOutput.parse(await listInvoices(ctx, ctx.customerId, input))
        : cachedView(ctx, ctx.customerId, `invoices:${input.status ?? 'all'}:${input.limit}`, InvoiceListOutput, () =>
            listInvoices(ctx, ctx.customerId, input),
          ),
    ),
  pay: mutationProcedure
    .input(PayInvoiceInput)
    .output(PayInvoiceOutput)
    .mutation(({ ctx, input }) => payInvoice(ctx, ctx.customerId, input, ctx.stripeKey)),
});
