import { search } from '../search.js';
import { invoicePaymentsOf } from './invoice-payments.js';
import type { Core } from '../core.js';
import { invalidRequest, unsupportedParameter } from '../errors.js';
import { matchesRange, paginate } from '../list.js';
import { paginationFields, parseFields, s } from '../params.js';
import type { StripeObject } from '../store.js';
import { newInvoice, recomputeTotals } from '../billing/invoice-builder.js';
import {
  attemptPayment,
  finalizeInvoice,
  markUncollectible,
  sweepPendingItems,
  voidInvoice,
} from '../billing/invoicing.js';
import { activeDiscounts } from '../billing/subscription-billing.js';
import { createDiscount } from '../billing/discounts.js';
import { confirmationSecretFor } from './payment-intents.js';
import { mergeMetadata } from './shared.js';
import { discountsSpec } from './subscription-params.js';

// Absent, so refused with `emulator_unsupported_parameter` (nothing would honour them): Connect
// (`on_behalf_of`, `transfer_data`, `issuer`), `default_source` (no Sources), tax
// (`account_tax_ids`; `automatic_tax` and `default_tax_rates` only when they would turn tax on),
// `payment_settings`, `rendering`, shipping (`shipping_cost`, `shipping_details`), and the
// finalization timing overrides `automatically_finalizes_at` and `effective_at`.
const editable = {
  auto_advance: s.bool(),
  automatic_tax: s.obj({ enabled: s.req(s.bool()), liability: s.any() }),
  collection_method: s.enum('charge_automatically', 'send_invoice'),
  custom_fields: s.emptyable(
    s.array(s.obj({ name: s.req(s.string({ maxLength: 40 })), value: s.req(s.string({ maxLength: 140 })) })),
  ),
  days_until_due: s.int({ min: 0 }),
  default_payment_method: s.string(),
  default_tax_rates: s.emptyable(s.array(s.string())),
  description: s.string({ maxLength: 1500 }),
  discounts: discountsSpec(),
  due_date: s.int(),
  footer: s.string({ maxLength: 5000 }),
  metadata: s.metadata(),
  number: s.emptyable(s.string({ maxLength: 26 })),
  statement_descriptor: s.string({ maxLength: 22 }),
};

/** Tax is not emulated: turning it off (or naming no rates) is honoured, turning it on is refused. */
function refuseTax(p: Record<string, any>): void {
  if (p.automatic_tax?.enabled) throw unsupportedParameter('automatic_tax[enabled]');
  if (p.automatic_tax?.liability !== undefined) throw unsupportedParameter('automatic_tax[liability]');
  if (Array.isArray(p.default_tax_rates) && p.default_tax_rates.length > 0)
    throw unsupportedParameter('default_tax_rates');
  if (Array.isArray(p.custom_fields) && p.custom_fields.length > 4)
    throw invalidRequest('You can have at most 4 custom fields.', 'custom_fields');
}

export function registerInvoices(core: Core): void {
  const { router, store } = core;
  core.includables.set('invoice', {
    confirmation_secret: (inv) => confirmationSecretFor(core, store.find('invoice', inv.id)),
    payments: (inv) => invoicePaymentsOf(core, inv.id),
  });

  router.get('/v1/invoices', (ctx) => {
    const p = parseFields(
      {
        ...paginationFields(),
        customer: s.string(),
        customer_account: s.string(),
        status: s.enum('draft', 'open', 'paid', 'uncollectible', 'void'),
        subscription: s.string(),
        collection_method: s.enum('charge_automatically', 'send_invoice'),
        due_date: s.range(),
      },
      ctx.body,
    );
    const items = store.all(
      'invoice',
      (i) =>
        (p.customer === undefined || i.customer === p.customer) &&
        (p.status === undefined || i.status === p.status) &&
        (p.subscription === undefined || i.parent?.subscription_details?.subscription === p.subscription) &&
        (p.collection_method === undefined || i.collection_method === p.collection_method) &&
        matchesRange(i.created, p.created) &&
        (p.due_date === undefined || matchesRange(i.due_date, p.due_date)),
    );
    return paginate(items, p, '/v1/invoices', 'invoice', (o) => store.render(o));
  });

  router.get('/v1/invoices/search', (ctx) => search(core, 'invoice', ctx.body, '/v1/invoices/search'));

  router.get('/v1/invoices/:id', (ctx) => {
    parseFields({}, ctx.body);
    return store.render(store.find('invoice', ctx.route.id));
  });

  router.get('/v1/invoices/:id/lines', (ctx) => {
    const p = parseFields(paginationFields(), ctx.body);
    const inv = store.find('invoice', ctx.route.id);
    // Lines are listed in invoice order; paginate expects newest first, so no reordering here.
    return paginate(inv.lines.data, p, `/v1/invoices/${inv.id}/lines`, 'line_item', (o) => structuredClone(o));
  });

  router.post('/v1/invoices', (ctx) => {
    const p = parseFields(
      {
        ...editable,
        customer: s.req(s.string()),
        currency: s.string(),
        pending_invoice_items_behavior: s.enum('exclude', 'include'),
        subscription: s.string(),
      },
      ctx.body,
    );
    refuseTax(p);
    const customer = store.findReferenced('customer', p.customer, 'customer');
    const sub = p.subscription ? store.findReferenced('subscription', p.subscription, 'subscription') : null;
    const now = core.nowFor(customer.test_clock);
    const invoice = newInvoice(core, {
      customer,
      subscription: sub,
      billingReason: 'manual',
      periodStart: now,
      periodEnd: now,
      lines: [],
      discounts: [],
      created: now,
    });
    if (p.currency) invoice.currency = String(p.currency).toLowerCase();
    invoice.collection_method = p.collection_method ?? 'charge_automatically';
    // A due date only exists for invoices sent to be paid; Stripe refuses one otherwise.
    const dueParam = p.due_date !== undefined ? 'due_date' : p.days_until_due !== undefined ? 'days_until_due' : null;
    if (dueParam && invoice.collection_method !== 'send_invoice')
      throw invalidRequest(
        `Invoices with \`collection_method=charge_automatically\` cannot have \`${dueParam}\`.`,
        dueParam,
      );
    if (invoice.collection_method === 'send_invoice')
      invoice.due_date = p.due_date ?? now + (p.days_until_due ?? 30) * 86400;
    invoice.auto_advance = p.auto_advance ?? false;
    invoice.description = p.description ?? null;
    invoice.footer = p.footer ?? invoice.footer;
    if (p.custom_fields !== undefined) invoice.custom_fields = p.custom_fields || null;
    if (p.statement_descriptor !== undefined) invoice.statement_descriptor = p.statement_descriptor;
    if (p.number) invoice.number = p.number;
    invoice.metadata = mergeMetadata({}, p.metadata);
    if (p.default_payment_method)
      invoice.default_payment_method = store.findReferenced(
        'payment_method',
        p.default_payment_method,
        'default_payment_method',
      ).id;
    store.put(invoice);
    invoice.discounts = p.discounts
      ? p.discounts.map(
          (d: Record<string, string>, i: number) =>
            createDiscount(core, d, { customer: customer.id, invoice: invoice.id }, `discounts[${i}]`, now).id,
        )
      : activeDiscounts(core, null, customer, now);
    if (p.pending_invoice_items_behavior === 'include') sweepPendingItems(core, invoice, sub?.id ?? null);
    recomputeTotals(core, invoice);
    core.emit('invoice.created', invoice);
    return store.render(invoice);
  });

  router.post('/v1/invoices/:id', (ctx) => {
    const p = parseFields(editable, ctx.body);
    refuseTax(p);
    const inv = store.find('invoice', ctx.route.id);
    const prev: Record<string, unknown> = {};
    if (p.metadata !== undefined) {
      prev.metadata = inv.metadata;
      inv.metadata = mergeMetadata(inv.metadata, p.metadata);
    }
    const draftOnly = Object.keys(p).filter(
      (k) =>
        !['metadata', 'auto_advance', 'description', 'footer', 'custom_fields', 'default_payment_method'].includes(k),
    );
    if (draftOnly.length > 0 && inv.status !== 'draft')
      throw invalidRequest(
        `You can only update \`${draftOnly[0]}\` on a draft invoice.`,
        draftOnly[0],
        'invoice_not_editable' as string,
      );
    if (p.description !== undefined) inv.description = p.description || null;
    if (p.footer !== undefined) inv.footer = p.footer || null;
    if (p.custom_fields !== undefined) inv.custom_fields = p.custom_fields || null;
    if (p.statement_descriptor !== undefined) inv.statement_descriptor = p.statement_descriptor || null;
    if (p.number !== undefined) inv.number = p.number || null;
    if (p.days_until_due !== undefined && p.due_date === undefined) {
      if ((p.collection_method ?? inv.collection_method) !== 'send_invoice')
        throw invalidRequest(
          'Invoices with `collection_method=charge_automatically` cannot have `days_until_due`.',
          'days_until_due',
        );
      inv.due_date = core.nowFor(inv.test_clock) + p.days_until_due * 86400;
    }
    if (p.auto_advance !== undefined) inv.auto_advance = p.auto_advance;
    if (p.default_payment_method !== undefined)
      inv.default_payment_method = store.findReferenced(
        'payment_method',
        p.default_payment_method,
        'default_payment_method',
      ).id;
    if (p.collection_method !== undefined) inv.collection_method = p.collection_method;
    if (p.due_date !== undefined) inv.due_date = p.due_date;
    if (p.discounts !== undefined) {
      inv.discounts =
        p.discounts === ''
          ? []
          : p.discounts.map(
              (d: Record<string, string>, i: number) =>
                createDiscount(
                  core,
                  d,
                  { customer: inv.customer, invoice: inv.id },
                  `discounts[${i}]`,
                  core.nowFor(inv.test_clock),
                ).id,
            );
      recomputeTotals(core, inv);
    }
    core.emit('invoice.updated', inv, prev);
    return store.render(inv);
  });

  router.del('/v1/invoices/:id', (ctx) => {
    parseFields({}, ctx.body);
    const inv = store.find('invoice', ctx.route.id);
    if (inv.status !== 'draft')
      throw invalidRequest('You can only delete draft invoices.', undefined, 'invoice_not_editable' as string);
    for (const ii of store.all('invoiceitem', (x) => x.invoice === inv.id)) ii.invoice = null;
    store.markDeleted(inv.id);
    core.emit('invoice.deleted', inv);
    return { id: inv.id, object: 'invoice', deleted: true };
  });

  router.post('/v1/invoices/:id/finalize', (ctx) => {
    const p = parseFields({ auto_advance: s.bool() }, ctx.body);
    const inv = store.find('invoice', ctx.route.id);
    if (p.auto_advance !== undefined) inv.auto_advance = p.auto_advance;
    finalizeInvoice(core, inv);
    return store.render(inv);
  });

  router.post('/v1/invoices/:id/pay', (ctx) => {
    const p = parseFields(
      {
        forgive: s.bool(),
        mandate: s.emptyable(s.string()),
        off_session: s.bool(),
        paid_out_of_band: s.bool(),
        payment_method: s.string(),
        source: s.string(),
      },
      ctx.body,
    );
    const inv = store.find('invoice', ctx.route.id);
    if (inv.status === 'draft') finalizeInvoice(core, inv);
    if (inv.status === 'paid') throw invalidRequest('Invoice is already paid');
    if (inv.status !== 'open') throw invalidRequest(`This invoice can no longer be paid because it is ${inv.status}.`);
    if (p.paid_out_of_band) {
      inv.amount_paid = inv.amount_due;
      inv.amount_paid_off_stripe = inv.amount_due;
      inv.amount_remaining = 0;
      inv.status = 'paid';
      inv.status_transitions.paid_at = core.nowFor(inv.test_clock);
      core.emit('invoice.paid', inv);
      return store.render(inv);
    }
    let pmId: string | undefined;
    if (p.payment_method) {
      const pm = store.findReferenced('payment_method', p.payment_method, 'payment_method');
      if (pm.customer !== inv.customer)
        throw invalidRequest(
          `The PaymentMethod ${pm.id} does not belong to the Customer ${inv.customer}. Please use a PaymentMethod attached to this customer.`,
          'payment_method',
        );
      pmId = pm.id;
    }
    const result = attemptPayment(core, inv, {
      ...(pmId ? { paymentMethod: pmId } : {}),
      offSession: p.off_session ?? true,
      automatic: false,
    });
    if (!result.ok && result.error) {
      // The failed attempt is recorded (attempt_count, events) even though the call errors.
      core.commitDespiteError();
      throw result.error;
    }
    return store.render(inv);
  });

  router.post('/v1/invoices/:id/void', (ctx) => {
    parseFields({}, ctx.body);
    const inv = store.find('invoice', ctx.route.id);
    voidInvoice(core, inv);
    return store.render(inv);
  });

  router.post('/v1/invoices/:id/mark_uncollectible', (ctx) => {
    parseFields({}, ctx.body);
    const inv = store.find('invoice', ctx.route.id);
    markUncollectible(core, inv);
    return store.render(inv);
  });

  router.post('/v1/invoices/:id/send', (ctx) => {
    parseFields({}, ctx.body);
    const inv = store.find('invoice', ctx.route.id);
    if (inv.collection_method !== 'send_invoice')
      throw invalidRequest('You can only manually send an invoice if its collection method is `send_invoice`.');
    if (inv.status === 'draft') finalizeInvoice(core, inv);
    core.emit('invoice.sent', inv);
    return store.render(inv);
  });
}

export type { StripeObject };
