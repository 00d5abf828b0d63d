import type { Core } from '../core.js';
import { matchesRange, paginate } from '../list.js';
import { paginationFields, parseFields, s } from '../params.js';
import type { StripeObject } from '../store.js';

export function registerInvoicePayments(core: Core): void {
  const { router, store } = core;

  router.get('/v1/invoice_payments/:id', (ctx) => {
    parseFields({}, ctx.body);
    return store.render(store.find('invoice_payment', ctx.route.id));
  });

  router.get('/v1/invoice_payments', (ctx) => {
    const p = parseFields(
      {
        ...paginationFields(),
        invoice: s.string(),
        payment: s.obj({
          type: s.req(s.enum('payment_intent', 'payment_record')),
          payment_intent: s.string(),
          payment_record: s.string(),
        }),
        status: s.enum('canceled', 'open', 'paid'),
      },
      ctx.body,
    );
    if (p.invoice !== undefined) store.findReferenced('invoice', p.invoice, 'invoice');
    const items = store.all(
      'invoice_payment',
      (x) =>
        (p.invoice === undefined || x.invoice === p.invoice) &&
        (p.status === undefined || x.status === p.status) &&
        (p.payment === undefined ||
          (x.payment.type === p.payment.type &&
            (p.payment.payment_intent === undefined || x.payment.payment_intent === p.payment.payment_intent))) &&
        matchesRange(x.created, p.created),
    );
    return paginate(items, p, '/v1/invoice_payments', 'invoice_payment', (o) => store.render(o));
  });
}

/** The `payments` list an invoice carries when expanded. */
export function invoicePaymentsOf(
  core: Core,
  invoiceId: string,
): { object: 'list'; data: StripeObject[]; has_more: boolean; url: string } {
  const data = core.store.all('invoice_payment', (x) => x.invoice === invoiceId).map((o) => core.store.render(o));
  return { object: 'list', data, has_more: false, url: `/v1/invoice_payments?invoice=${invoiceId}` };
}
