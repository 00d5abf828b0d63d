import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { customerWithCard, setup, stripeError } from './helpers.js';

const unsupported = (err: Stripe.errors.StripeError, param: string) =>
  expect([err.statusCode, err.code, err.param]).toEqual([400, 'emulator_unsupported_parameter', param]);
const invalid = (err: Stripe.errors.StripeError, param: string) =>
  expect([err.statusCode, err.rawType, err.param]).toEqual([400, 'invalid_request_error', param]);

describe('customers: every accepted parameter is honoured (#17)', () => {
  it('refuses cash balance, legacy sources, tax settings and invoice templates, creating nothing', async () => {
    const { stripe } = setup({ seed: 'none' });
    unsupported(
      await stripeError(() =>
        stripe.customers.create({
          email: 'a@example.com',
          cash_balance: { settings: { reconciliation_mode: 'manual' } },
        }),
      ),
      'cash_balance',
    );
    unsupported(
      await stripeError(() => stripe.customers.create({ email: 'a@example.com', source: 'tok_visa' })),
      'source',
    );
    unsupported(
      await stripeError(() =>
        stripe.customers.create({ email: 'a@example.com', tax: { validate_location: 'immediately' } }),
      ),
      'tax',
    );
    unsupported(
      await stripeError(() =>
        stripe.customers.create({
          email: 'a@example.com',
          invoice_settings: { rendering_options: { template: 'inrtem_123' } },
        }),
      ),
      'invoice_settings[rendering_options][template]',
    );
    expect((await stripe.customers.list()).data).toEqual([]);
    const c = await stripe.customers.create({ email: 'a@example.com' });
    unsupported(
      await stripeError(() => stripe.customers.update(c.id, { default_source: 'card_123' })),
      'default_source',
    );
    expect((await stripe.customers.update(c.id, { default_source: '' })).default_source).toBeNull();
  });

  it('validates invoice settings like Stripe: the tax display enum and at most 4 custom fields of bounded length', async () => {
    const { stripe } = setup({ seed: 'none' });
    const c = await stripe.customers.create({ email: 'a@example.com' });
    invalid(
      await stripeError(() =>
        stripe.customers.update(c.id, {
          invoice_settings: { rendering_options: { amount_tax_display: 'sometimes' as 'exclude_tax' } },
        }),
      ),
      'invoice_settings[rendering_options][amount_tax_display]',
    );
    const five = Array.from({ length: 5 }, (_, i) => ({ name: `F${i}`, value: 'v' }));
    invalid(
      await stripeError(() => stripe.customers.update(c.id, { invoice_settings: { custom_fields: five } })),
      'invoice_settings[custom_fields]',
    );
    invalid(
      await stripeError(() =>
        stripe.customers.update(c.id, { invoice_settings: { custom_fields: [{ name: 'x'.repeat(41), value: 'v' }] } }),
      ),
      'invoice_settings[custom_fields][0][name]',
    );
    const ok = await stripe.customers.update(c.id, {
      invoice_settings: {
        rendering_options: { amount_tax_display: 'exclude_tax' },
        custom_fields: [{ name: 'PO', value: '42' }],
      },
    });
    expect(ok.invoice_settings).toMatchObject({
      rendering_options: { amount_tax_display: 'exclude_tax', template: null },
      custom_fields: [{ name: 'PO', value: '42' }],
    });
  });
});

describe('invoices: every accepted parameter is honoured (#17)', () => {
  it('keeps custom fields, statement descriptor and a chosen number; the number survives finalization without using the sequence', async () => {
    const { stripe } = setup({ seed: 'none' });
    const { customer } = await customerWithCard(stripe);
    await stripe.invoiceItems.create({ customer: customer.id, amount: 1500, currency: 'usd' });
    const draft = await stripe.invoices.create({
      customer: customer.id,
      pending_invoice_items_behavior: 'include',
      custom_fields: [{ name: 'PO', value: '42' }],
      statement_descriptor: 'ACME PO 42',
      number: 'ACME-2026-001',
    });
    expect(draft).toMatchObject({
      custom_fields: [{ name: 'PO', value: '42' }],
      statement_descriptor: 'ACME PO 42',
      number: 'ACME-2026-001',
    });
    const open = await stripe.invoices.finalizeInvoice(draft.id);
    expect(open.number).toBe('ACME-2026-001');
    expect(((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).next_invoice_sequence).toBe(1);
    const fields = await stripe.invoices.update(open.id, { custom_fields: [{ name: 'Ref', value: 'R-7' }] });
    expect(fields.custom_fields).toEqual([{ name: 'Ref', value: 'R-7' }]);
  });

  it('moves the due date when days_until_due is updated on a send_invoice draft', async () => {
    const { stripe, emulator } = setup({ seed: 'none' });
    const { customer } = await customerWithCard(stripe);
    const draft = await stripe.invoices.create({
      customer: customer.id,
      collection_method: 'send_invoice',
      days_until_due: 30,
    });
    const updated = await stripe.invoices.update(draft.id, { days_until_due: 7 });
    expect(updated.due_date).toBe(Math.floor(emulator.core.now()) + 7 * 86400);
    // An invoice charged automatically has no due date: Stripe refuses one rather than keep it.
    const charged = await stripeError(() =>
      stripe.invoices.create({ customer: customer.id, due_date: Math.floor(emulator.core.now()) + 86400 }),
    );
    expect([charged.statusCode, charged.param]).toEqual([400, 'due_date']);
  });

  it('refuses tax, shipping, rendering, payment settings and Connect instead of ignoring them; turning tax off is fine', async () => {
    const { stripe } = setup({ seed: 'none' });
    const { customer } = await customerWithCard(stripe);
    const base = { customer: customer.id };
    unsupported(
      await stripeError(() => stripe.invoices.create({ ...base, automatic_tax: { enabled: true } })),
      'automatic_tax[enabled]',
    );
    unsupported(
      await stripeError(() => stripe.invoices.create({ ...base, default_tax_rates: ['txr_123'] })),
      'default_tax_rates',
    );
    unsupported(
      await stripeError(() =>
        stripe.invoices.create({ ...base, shipping_details: { name: 'A', address: { country: 'US' } } }),
      ),
      'shipping_details',
    );
    unsupported(
      await stripeError(() => stripe.invoices.create({ ...base, rendering: { pdf: { page_size: 'a4' } } })),
      'rendering',
    );
    unsupported(
      await stripeError(() =>
        stripe.invoices.create({ ...base, payment_settings: { payment_method_types: ['card'] } }),
      ),
      'payment_settings',
    );
    unsupported(await stripeError(() => stripe.invoices.create({ ...base, issuer: { type: 'self' } })), 'issuer');
    expect((await stripe.invoices.list({ customer: customer.id })).data).toEqual([]);
    const draft = await stripe.invoices.create({ ...base, automatic_tax: { enabled: false }, default_tax_rates: [] });
    expect(draft.automatic_tax.enabled).toBe(false);
  });
});

describe('invoice items: every accepted parameter is honoured (#17)', () => {
  it('re-prices a priced item when its quantity changes, and the draft invoice follows', async () => {
    const { stripe } = setup({ seed: 'none' });
    const { customer } = await customerWithCard(stripe);
    const product = await stripe.products.create({ name: 'Seat' });
    const price = await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 700 });
    const draft = await stripe.invoices.create({ customer: customer.id });
    const item = await stripe.invoiceItems.create({
      customer: customer.id,
      invoice: draft.id,
      pricing: { price: price.id },
      quantity: 2,
    });
    expect(item.amount).toBe(1400);
    const more = await stripe.invoiceItems.update(item.id, { quantity: 3, description: 'Three seats' });
    expect([more.amount, more.quantity]).toEqual([2100, 3]);
    const invoice = await stripe.invoices.retrieve(draft.id);
    expect([invoice.total, invoice.lines.data[0]!.description, invoice.lines.data[0]!.quantity]).toEqual([
      2100,
      'Three seats',
      3,
    ]);
  });

  it('refuses per-item discounts, tax and fractional quantities', async () => {
    const { stripe } = setup({ seed: 'none' });
    const { customer } = await customerWithCard(stripe);
    const base = { customer: customer.id, amount: 500, currency: 'usd' };
    unsupported(await stripeError(() => stripe.invoiceItems.create({ ...base, tax_rates: ['txr_1'] })), 'tax_rates');
    unsupported(
      await stripeError(() => stripe.invoiceItems.create({ ...base, discounts: [{ coupon: 'c' }] })),
      'discounts',
    );
    unsupported(
      await stripeError(() => stripe.invoiceItems.create({ ...base, tax_behavior: 'exclusive' })),
      'tax_behavior',
    );
    const item = await stripe.invoiceItems.create(base);
    unsupported(
      await stripeError(() => stripe.invoiceItems.update(item.id, { quantity_decimal: '1.5' as never })),
      'quantity_decimal',
    );
    unsupported(
      await stripeError(() =>
        stripe.invoiceItems.update(item.id, { price_data: { currency: 'usd', product: 'prod_x', unit_amount: 1 } }),
      ),
      'price_data',
    );
  });
});
