import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { setup, stripeError } from './helpers.js';

// Issue #17 item 9 and the account-level Tax ID API (`/v1/tax_ids`).
describe('tax IDs', () => {
  it('refuses a type Stripe does not have (param=type) and stores nothing, on every entry point', async () => {
    const { stripe } = setup({ seed: 'none' });
    const customer = await stripe.customers.create({ email: 't@example.com' });
    const bogus = 'xx_vat' as Stripe.CustomerCreateTaxIdParams.Type;
    const err = await stripeError(() => stripe.customers.createTaxId(customer.id, { type: bogus, value: 'XX123' }));
    expect(err).toMatchObject({ statusCode: 400, param: 'type' });
    expect(err.message).toMatch(/^Invalid type: must be one of ad_nrt, /);
    const onCreate = await stripeError(() =>
      stripe.customers.create({
        tax_id_data: [{ type: bogus as Stripe.CustomerCreateParams.TaxIdDatum.Type, value: 'XX1' }],
      }),
    );
    expect(onCreate.param).toBe('tax_id_data[0][type]');
    const topLevel = await stripeError(() =>
      stripe.taxIds.create({ type: bogus as Stripe.TaxIdCreateParams.Type, value: 'XX1' }),
    );
    expect(topLevel.param).toBe('type');
    expect((await stripe.customers.listTaxIds(customer.id)).data).toHaveLength(0);
    expect((await stripe.customers.list()).data).toHaveLength(1);
    expect((await stripe.events.list({ type: 'customer.tax_id.created' })).data).toHaveLength(0);
  });

  it('accepts every type of the SDK list, validating formats it knows', async () => {
    const { stripe } = setup({ seed: 'none' });
    const customer = await stripe.customers.create({ email: 't@example.com' });
    const cz = await stripe.customers.createTaxId(customer.id, { type: 'cz_dic', value: 'CZ12345678' });
    expect(cz).toMatchObject({ type: 'cz_dic', country: 'CZ', verification: { status: 'unavailable' } });
    const bad = await stripeError(() => stripe.customers.createTaxId(customer.id, { type: 'gb_vat', value: 'nope' }));
    expect(bad).toMatchObject({ statusCode: 400, code: 'tax_id_invalid', param: 'value' });
  });

  it('keeps the account’s own tax IDs apart from customers’, with create, retrieve, list and delete', async () => {
    const { stripe } = setup({ seed: 'none' });
    const customer = await stripe.customers.create({ email: 't@example.com' });
    await stripe.customers.createTaxId(customer.id, { type: 'eu_vat', value: 'DE123456789' });
    const own = await stripe.taxIds.create({ type: 'gb_vat', value: 'GB123456789' });
    expect(own).toMatchObject({ object: 'tax_id', customer: null, owner: { type: 'self' }, country: 'GB' });
    expect((await stripe.taxIds.list()).data.map((t) => t.id)).toEqual([own.id]);
    expect((await stripe.taxIds.list({ owner: { type: 'self' } })).data.map((t) => t.id)).toEqual([own.id]);
    const forCustomer = await stripe.taxIds.create({
      type: 'us_ein',
      value: '12-3456789',
      owner: { type: 'customer', customer: customer.id },
    });
    expect(forCustomer.owner).toMatchObject({ type: 'customer', customer: customer.id });
    expect((await stripe.taxIds.list({ owner: { type: 'customer', customer: customer.id } })).data).toHaveLength(2);
    expect((await stripe.taxIds.retrieve(own.id)).value).toBe('GB123456789');

    const missingCustomer = await stripeError(() =>
      stripe.taxIds.create({ type: 'us_ein', value: '12-3456789', owner: { type: 'customer' } }),
    );
    expect(missingCustomer).toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'owner[customer]' });
    const noAccount = await stripeError(() =>
      stripe.taxIds.create({ type: 'us_ein', value: '12-3456789', owner: { type: 'account', account: 'acct_1' } }),
    );
    expect(noAccount).toMatchObject({ statusCode: 400, code: 'resource_missing', param: 'owner[account]' });

    expect(await stripe.taxIds.del(own.id)).toMatchObject({ id: own.id, deleted: true });
    expect((await stripe.taxIds.list()).data).toHaveLength(0);
    const gone = await stripeError(() => stripe.taxIds.retrieve(own.id));
    expect(gone).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    // Only customers' tax IDs have events in Stripe (the EU VAT number also got verified).
    const types = (await stripe.events.list()).data.map((e) => e.type).filter((t) => t.includes('tax_id'));
    expect(types.sort()).toEqual(['customer.tax_id.created', 'customer.tax_id.created', 'customer.tax_id.updated']);
  });

  it('answers 404 for another customer’s tax ID under a customer path', async () => {
    const { stripe } = setup({ seed: 'none' });
    const a = await stripe.customers.create({});
    const b = await stripe.customers.create({});
    const t = await stripe.customers.createTaxId(a.id, { type: 'us_ein', value: '12-3456789' });
    const err = await stripeError(() => stripe.customers.retrieveTaxId(b.id, t.id));
    expect(err).toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });
});
