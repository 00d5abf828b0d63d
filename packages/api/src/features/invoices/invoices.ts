import { ErrorReason, type InvoiceListOutput, type InvoiceStatus, type PayInvoiceOutput } from '@portal/contract';
import { TRPCError } from '@trpc/server';
import Stripe from 'stripe';
import type { Deps } from '../../context';
import { toInvoiceView } from '../../mappers/invoice';
import { featureDisabled, findOrNotFound, loadCustomer, notFound } from '../../viewer/guards';
import { selectConfiguration } from '../../config';
import { billingStateOf } from '../../mirror/billing-state';
import { idOf } from '../../stripe/ids';

function requireInvoiceHistory(deps: Deps, customer: Stripe.Customer): void {
  if (!selectConfiguration(deps.portalConfig, customer).features.invoice_history.enabled)
    throw featureDisabled('invoice_history', 'Invoice history is not available here.');
}

type ListInput = { status?: InvoiceStatus | undefined; limit: number; cursor?: string | undefined };

/**
 * A page of the customer's invoices, newest first. First pages come from the billing state (the
 * mirror keeps the newest hundred and every open invoice); a page further back, or a filter the
 * mirror cannot answer in full, is read from Stripe.
 */
export async function listInvoices(deps: Deps, customerId: string, input: ListInput): Promise<InvoiceListOutput> {
  const state = await billingStateOf(deps, customerId);
  requireInvoiceHistory(deps, await state.customer());
  if (!input.cursor) {
    const recent = await state.recentInvoices();
    // Drafts are the business's work in progress, never shown.
    const matching = recent.data.filter((i) => i.status !== 'draft' && (!input.status || i.status === input.status));
    const complete = !recent.hasMore || input.status === 'open' || matching.length > input.limit;
    if (complete) return pageOf(deps, matching.slice(0, input.limit), matching.length > input.limit);
  }
  return listFromStripe(deps, customerId, input);
}

async function listFromStripe(deps: Deps, customerId: string, input: ListInput): Promise<InvoiceListOutput> {
  if (input.cursor) await ownedInvoice(deps, customerId, input.cursor);
  const page = await deps.stripe.invoices.list({
    customer: customerId,
    limit: input.limit,
    ...(input.status ? { status: input.status } : {}),
    ...(input.cursor ? { starting_after: input.cursor } : {}),
  });
  const last = page.data.at(-1);
  const shown = page.data.filter((i) => i.status !== 'draft');
  // The cursor moves past drafts too.
  return { ...pageOf(deps, shown, false), nextCursor: page.has_more && last?.id ? last.id : null };
}

function pageOf(deps: Deps, invoices: Stripe.Invoice[], more: boolean): InvoiceListOutput {
  const now = deps.now();
  const last = invoices.at(-1);
  return { invoices: invoices.map((i) => toInvoiceView(i, now)), nextCursor: more && last?.id ? last.id : null };
}

/** An invoice of this customer, else NOT_FOUND exactly like a missing id. */
async function ownedInvoice(
  deps: Deps,
  customerId: string,
  invoiceId: string,
  expand?: string[],
): Promise<Stripe.Invoice> {
  const invoice = await findOrNotFound('invoice', () =>
    deps.stripe.invoices.retrieve(invoiceId, expand ? { expand } : {}),
  );
  const owner = idOf(invoice.customer);
  if (owner !== customerId || invoice.status === 'draft') throw notFound('invoice');
  return invoice;
}

const notPayable = (status: string | null) =>
  new TRPCError({
    code: 'PRECONDITION_FAILED',
    message: `This invoice is ${status ?? 'closed'} and cannot be paid.`,
    cause: { reason: ErrorReason.invoiceNotPayable, params: { status: status ?? 'closed' } },
  });

const alreadyPaid = () =>
  new TRPCError({
    code: 'CONFLICT',
    message: 'This invoice is already paid.',
    cause: { reason: ErrorReason.invoiceAlreadyPaid },
  });

/**
 * Stripe refused the payment: if the invoice is paid by now (an earlier click, another tab or
 * instance won the race), that is the answer, read fresh rather than from before the attempt.
 */
async function isPaidNow(deps: Deps, invoice: Stripe.Invoice): Promise<boolean> {
  if (invoice.status === 'paid') return true;
  const fresh = await deps.stripe.invoices.retrieve(invoice.id!);
  return fresh.status === 'paid';
}

/** Stripe's ways of saying "the bank wants the customer to authenticate this payment". */
function needsAuthentication(error: unknown): boolean {
  if (!(error instanceof Stripe.errors.StripeError)) return false;
  const codes = [error.code, (error as Stripe.errors.StripeCardError).decline_code];
  return codes.includes('authentication_required') || codes.includes('invoice_payment_intent_requires_action');
}

export async function payInvoice(
  deps: Deps,
  customerId: string,
  input: { invoiceId: string; paymentMethodId: string; useForFuturePayments?: boolean },
  key: (action: string) => string,
): Promise<PayInvoiceOutput> {
  // A payment decides on a fresh read from Stripe, never the mirror.
  requireInvoiceHistory(deps, await loadCustomer(deps, customerId));
  const [invoice] = await Promise.all([
    ownedInvoice(deps, customerId, input.invoiceId),
    findOrNotFound('payment_method', () =>
      deps.stripe.customers.retrievePaymentMethod(customerId, input.paymentMethodId),
    ),
  ]);
  // A paid invoice still goes to Stripe: a retry with the same idempotency key replays the first
  // success, while a new attempt gets Stripe's "already paid", mapped below.
  if (invoice.status !== 'open' && invoice.status !== 'paid') throw notPayable(invoice.status);
  const now = deps.now();
  try {
    // on-session: the customer is here, so a 3-D Secure challenge can be shown instead of failing.
    const paid = await deps.stripe.invoices.pay(
      invoice.id!,
      { payment_method: input.paymentMethodId, off_session: false },
      { idempotencyKey: key('invoices.pay') },
    );
    if (input.useForFuturePayments) await useForFuturePayments(deps, customerId, paid, input.paymentMethodId, key);
    return { status: 'paid', invoice: toInvoiceView(paid, now) };
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError && (await isPaidNow(deps, invoice)))
      throw alreadyPaid();
    if (!needsAuthentication(error)) throw error;
    const fresh = await deps.stripe.invoices.retrieve(invoice.id!, { expand: ['confirmation_secret'] });
    const secret = fresh.confirmation_secret?.client_secret;
    if (!secret) throw error;
    return { status: 'requires_action', clientSecret: secret, invoice: toInvoiceView(fresh, now) };
  }
}

/** The card that paid becomes the one renewals charge (see PayInvoiceInput.useForFuturePayments). */
async function useForFuturePayments(
  deps: Deps,
  customerId: string,
  invoice: Stripe.Invoice,
  paymentMethodId: string,
  key: (action: string) => string,
) {
  await deps.stripe.customers.update(
    customerId,
    { invoice_settings: { default_payment_method: paymentMethodId } },
    { idempotencyKey: key('invoices.pay:default') },
  );
  const subscriptionId = subscriptionOf(invoice);
  if (!subscriptionId) return;
  const subscription = await deps.stripe.subscriptions.retrieve(subscriptionId);
  // A subscription's own card wins over the customer's default, so it must follow too.
  if (subscription.default_payment_method && subscription.default_payment_method !== paymentMethodId) {
    await deps.stripe.subscriptions.update(
      subscriptionId,
      { default_payment_method: paymentMethodId },
      { idempotencyKey: key('invoices.pay:subscription-default') },
    );
  }
}

function subscriptionOf(invoice: Stripe.Invoice): string | null {
  const sub = invoice.parent?.subscription_details?.subscription;
  return typeof sub === 'string' ? sub : (sub?.id ?? null);
}
