import type { Core } from '../core.js';
import { invalidRequest, missingParameter } from '../errors.js';
import { newId } from '../ids.js';
import { matchesRange, paginate } from '../list.js';
import { paginationFields, parseFields, s } from '../params.js';
import type { StripeObject } from '../store.js';
import { recomputeTotals, makeLine } from '../billing/invoice-builder.js';
import { mergeMetadata } from './shared.js';

// Absent, so refused with `emulator_unsupported_parameter`: per-item `discounts` (discounts apply
// per invoice here), tax (`tax_rates`, `tax_behavior`, `tax_code`, `price_data[tax_behavior]`),
// fractional quantities (`quantity_decimal`) and `customer_account` (no Accounts v2).
const fields = {
  amount: s.int(),
  currency: s.string(),
  description: s.string(),
  discountable: s.bool(),
  metadata: s.metadata(),
  period: s.obj({ start: s.req(s.int()), end: s.req(s.int()) }),
  price_data: s.obj({
    currency: s.req(s.string()),
    product: s.req(s.string()),
    unit_amount: s.int(),
    unit_amount_decimal: s.string(),
  }),
  pricing: s.obj({ price: s.string() }),
  quantity: s.int({ min: 0 }),
  unit_amount_decimal: s.string(),
};

/** Changes to an item on a draft invoice show on that invoice's line and totals at once, as with Stripe. */
function syncLine(core: Core, ii: StripeObject): void {
  const invoice = ii.invoice ? core.store.get(ii.invoice) : undefined;
  if (!invoice) return;
  const line = (invoice.lines.data as StripeObject[]).find(
    (l) => l.parent?.invoice_item_details?.invoice_item === ii.id,
  );
  if (!line) return;
  Object.assign(line, {
    amount: ii.amount,
    description: ii.description ?? '',
    discountable: ii.discountable,
    period: ii.period,
    quantity: ii.quantity,
  });
  recomputeTotals(core, invoice);
}

export function registerInvoiceItems(core: Core): void {
  const { router, store } = core;

  router.post('/v1/invoiceitems', (ctx) => {
    const p = parseFields({ ...fields, customer: s.string(), invoice: s.string(), subscription: s.string() }, ctx.body);
    if (!p.customer) throw missingParameter('customer');
    const customer = store.findReferenced('customer', p.customer, 'customer');
    const now = core.nowFor(customer.test_clock);
    const price = p.pricing?.price ? store.findReferenced('price', p.pricing.price, 'pricing[price]') : null;
    const quantity = p.quantity ?? 1;
    let amount: number;
    let currency: string;
    // The unit amount is kept so that a later quantity change re-prices the item.
    let unit: number | null = null;
    if (price) {
      unit = (price.unit_amount ?? 0) as number;
      amount = (price.unit_amount ?? 0) * quantity;
      currency = price.currency;
    } else if (p.price_data) {
      store.findReferenced('product', p.price_data.product, 'price_data[product]');
      const perUnit: number = p.price_data.unit_amount ?? Number(p.price_data.unit_amount_decimal ?? 0);
      unit = perUnit;
      amount = Math.round(perUnit * quantity);
      currency = String(p.price_data.currency).toLowerCase();
    } else if (p.amount !== undefined) {
      amount = p.amount;
      if (!p.currency) throw missingParameter('currency');
      currency = String(p.currency).toLowerCase();
    } else if (p.unit_amount_decimal !== undefined) {
      const perUnit = Number(p.unit_amount_decimal);
      unit = perUnit;
      amount = Math.round(perUnit * quantity);
      if (!p.currency) throw missingParameter('currency');
      currency = String(p.currency).toLowerCase();
    } else throw missingParameter('amount');
    const invoice = p.invoice ? store.findReferenced('invoice', p.invoice, 'invoice') : null;
    if (invoice && invoice.status !== 'draft')
      throw invalidRequest(
        'You can only add invoice items to draft invoices.',
        'invoice',
        'invoice_not_editable' as string,
      );
    const sub = p.subscription ? store.findReferenced('subscription', p.subscription, 'subscription') : null;
    const ii: StripeObject = {
      id: newId('ii'),
      object: 'invoiceitem',
      amount,
      currency,
      customer: customer.id,
      customer_account: null,
      date: now,
      description: p.description ?? null,
      discountable: p.discountable ?? amount > 0,
      discounts: [],
      invoice: invoice?.id ?? null,
      livemode: false,
      metadata: mergeMetadata({}, p.metadata),
      net_amount: amount,
      parent: sub
        ? { subscription_details: { subscription: sub.id, subscription_item: null }, type: 'subscription_details' }
        : null,
      period: p.period ?? { start: now, end: now },
      pricing: price
        ? {
            price_details: { price: price.id, product: price.product },
            type: 'price_details',
            unit_amount_decimal: price.unit_amount_decimal,
          }
        : null,
      proration: false,
      quantity,
      quantity_decimal: String(quantity),
      tax_rates: [],
      test_clock: customer.test_clock ?? null,
      _unit_amount: unit,
    };
    store.put(ii);
    if (invoice) {
      invoice.lines.data.push(
        makeLine(
          {
            amount,
            currency,
            description: ii.description ?? '',
            period: ii.period,
            quantity,
            price,
            proration: false,
            subscription: sub?.id ?? null,
            subscriptionItem: null,
            invoiceItem: ii.id,
            discountable: ii.discountable,
          },
          invoice.id,
        ),
      );
      recomputeTotals(core, invoice);
    }
    core.emit('invoiceitem.created', ii);
    return store.render(ii);
  });

  router.get('/v1/invoiceitems/:id', (ctx) => {
    parseFields({}, ctx.body);
    return store.render(store.find('invoiceitem', ctx.route.id));
  });

  router.post('/v1/invoiceitems/:id', (ctx) => {
    // Re-pricing through `price_data`/`pricing`/`unit_amount_decimal`, discounts and tax are refused (see `fields`).
    const p = parseFields(
      {
        description: s.string(),
        metadata: s.metadata(),
        amount: s.int(),
        quantity: s.int({ min: 0 }),
        discountable: s.bool(),
        period: fields.period,
      },
      ctx.body,
    );
    const ii = store.find('invoiceitem', ctx.route.id);
    if (ii.invoice && store.get(ii.invoice)?.status !== 'draft')
      throw invalidRequest(
        'This invoice item is on a finalized invoice and cannot be changed.',
        undefined,
        'invoice_not_editable' as string,
      );
    if (p.description !== undefined) ii.description = p.description;
    if (p.metadata !== undefined) ii.metadata = mergeMetadata(ii.metadata, p.metadata);
    if (p.quantity !== undefined) {
      ii.quantity = p.quantity;
      ii.quantity_decimal = String(p.quantity);
      if (ii._unit_amount !== null && ii._unit_amount !== undefined && p.amount === undefined)
        ii.amount = ii.net_amount = Math.round(ii._unit_amount * p.quantity);
    }
    if (p.amount !== undefined) {
      ii.amount = ii.net_amount = p.amount;
      ii._unit_amount = null;
    }
    if (p.discountable !== undefined) ii.discountable = p.discountable;
    if (p.period !== undefined) ii.period = p.period;
    syncLine(core, ii);
    // No event: Stripe has no `invoiceitem.updated` (the SDK's Stripe.Event union lists only created and deleted).
    return store.render(ii);
  });

  router.del('/v1/invoiceitems/:id', (ctx) => {
    parseFields({}, ctx.body);
    const ii = store.find('invoiceitem', ctx.route.id);
    const invoice = ii.invoice ? store.get(ii.invoice) : undefined;
    if (invoice && invoice.status !== 'draft')
      throw invalidRequest(
        'This invoice item is on a finalized invoice and cannot be deleted.',
        undefined,
        'invoice_not_editable' as string,
      );
    if (invoice) {
      invoice.lines.data = invoice.lines.data.filter(
        (l: StripeObject) =>
          l.parent?.invoice_item_details?.invoice_item !== ii.id &&
          l.parent?.subscription_item_details?.invoice_item !== ii.id,
      );
      recomputeTotals(core, invoice);
    }
    store.markDeleted(ii.id);
    core.emit('invoiceitem.deleted', ii);
    return { id: ii.id, object: 'invoiceitem', deleted: true };
  });

  router.get('/v1/invoiceitems', (ctx) => {
    const p = parseFields(
      {
        ...paginationFields(),
        customer: s.string(),
        customer_account: s.string(),
        invoice: s.string(),
        pending: s.bool(),
      },
      ctx.body,
    );
    const items = store.all(
      'invoiceitem',
      (x) =>
        (p.customer === undefined || x.customer === p.customer) &&
        (p.invoice === undefined || x.invoice === p.invoice) &&
        (p.pending === undefined || (x.invoice === null) === p.pending) &&
        matchesRange(x.date, p.created),
    );
    return paginate(items, p, '/v1/invoiceitems', 'invoiceitem', (o) => store.render(o));
  });
}
