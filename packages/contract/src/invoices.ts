import { z } from 'zod';
import { MutationInput } from './idempotency';
import { Money } from './money';
import { PaymentMethodId } from './payment-methods';

/** Drafts are the business's work in progress: the portal never shows them. */
export const InvoiceStatus = z.enum(['open', 'paid', 'uncollectible', 'void']);
export type InvoiceStatus = z.infer<typeof InvoiceStatus>;

export const InvoiceView = z.object({
  id: z.string(),
  number: z.string().nullable(),
  status: InvoiceStatus,
  /** ISO timestamps. */
  createdAt: z.string(),
  dueDate: z.string().nullable(),
  total: Money,
  amountDue: Money,
  amountRemaining: Money,
  /** Open and already attempted or overdue: the portal offers to pay it now. */
  pastDue: z.boolean(),
  invoicePdf: z.string().nullable(),
  hostedInvoiceUrl: z.string().nullable(),
  subscriptionId: z.string().nullable(),
});
export type InvoiceView = z.infer<typeof InvoiceView>;

export const InvoiceListInput = z.object({
  status: InvoiceStatus.optional(),
  limit: z.number().int().min(1).max(100).default(10),
  /** The `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^in_\w+$/)
    .optional(),
});
export type InvoiceListInput = z.input<typeof InvoiceListInput>;

export const InvoiceListOutput = z.object({
  invoices: z.array(InvoiceView),
  nextCursor: z.string().nullable(),
});
export type InvoiceListOutput = z.infer<typeof InvoiceListOutput>;

export const PayInvoiceInput = MutationInput.extend({
  invoiceId: z.string().regex(/^in_\w+$/, 'must be an invoice id (in_…)'),
  paymentMethodId: PaymentMethodId,
  /**
   * Once paid, make this card the one renewals charge: the customer's default and, when the
   * invoice's subscription has a card of its own (which wins over the customer's), that one too.
   * Otherwise the card that just failed would fail the next renewal again.
   */
  useForFuturePayments: z.boolean().default(false),
});
export type PayInvoiceInput = z.infer<typeof PayInvoiceInput>;

export const PayInvoiceOutput = z.discriminatedUnion('status', [
  z.object({ status: z.literal('paid'), invoice: InvoiceView }),
  /** The bank wants 3-D Secure: confirm in the browser with `stripe.confirmPayment({ clientSecret })`. */
  z.object({ status: z.literal('requires_action'), clientSecret: z.string(), invoice: InvoiceView }),
]);
export type PayInvoiceOutput = z.infer<typeof PayInvoiceOutput>;
