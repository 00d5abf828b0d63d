import { InvoiceListInput, InvoiceListOutput, PayInvoiceInput, PayInvoiceOutput } from '@portal/contract';
import { listInvoices, payInvoice } from './invoices';
import { customerProcedure, mutationProcedure, router } from '../../trpc';

export const invoicesRouter = router({
  list: customerProcedure
    .input(InvoiceListInput)
    .output(InvoiceListOutput)
    .query(({ ctx, input }) => listInvoices(ctx, ctx.customerId, input)),
  pay: mutationProcedure
    .input(PayInvoiceInput)
    .output(PayInvoiceOutput)
    .mutation(({ ctx, input }) => payInvoice(ctx, ctx.customerId, input, ctx.stripeKey)),
});
