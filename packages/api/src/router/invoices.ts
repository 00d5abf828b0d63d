import { InvoiceListInput, InvoiceListOutput, PayInvoiceInput, PayInvoiceOutput } from '@portal/contract';
import { listInvoices, payInvoice } from '../services/invoices';
import { cachedRead } from '../services/cached-read';
import { customerProcedure, mutationProcedure, router } from '../trpc';

export const invoicesRouter = router({
  list: customerProcedure
    .input(InvoiceListInput)
    .output(InvoiceListOutput)
    // Only first pages are cached: they are what screens open on; deeper pages are rare.
    .query(({ ctx, input }) =>
      input.cursor ? listInvoices(ctx, ctx.customerId, input) : cachedRead(ctx, ctx.customerId, `invoices:${input.status ?? 'all'}:${input.limit}`, () => listInvoices(ctx, ctx.customerId, input)),
    ),
  pay: mutationProcedure
    .input(PayInvoiceInput)
    .output(PayInvoiceOutput)
    .mutation(({ ctx, input }) => payInvoice(ctx, ctx.customerId, input, ctx.stripeKey)),
});
