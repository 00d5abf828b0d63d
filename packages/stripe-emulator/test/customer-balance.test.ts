import { describe, expect, it } from 'vitest';
import { setup, stripeError } from './helpers.js';

// The customer balance ledger (`/v1/customers/:id/balance_transactions`), as Stripe keeps it.
describe('customer balance transactions', () => {
  it('moves the balance, records each change and announces it on customer.updated', async () => {
    const { stripe } = setup({ seed: 'none' });
    const customer = await stripe.customers.create({ email: 'b@example.com' });
    const credit = await stripe.customers.createBalanceTransaction(customer.id, {
      amount: -500,
      currency: 'usd',
      description: 'Goodwill',
      metadata: { ticket: '42' },
    });
    expect(credit).toMatchObject({
      object: 'customer_balance_transaction',
      amount: -500,
      currency: 'usd',
      ending_balance: -500,
      type: 'adjustment',
      invoice: null,
      description: 'Goodwill',
      metadata: { ticket: '42' },
    });
    const debit = await stripe.customers.createBalanceTransaction(customer.id, { amount: 200, currency: 'usd' });
    expect(debit.ending_balance).toBe(-300);
    expect((await stripe.customers.retrieve(customer.id)) as { balance: number; currency: string }).toMatchObject({
      balance: -300,
      currency: 'usd',
    });

    const listed = await stripe.customers.listBalanceTransactions(customer.id);
    expect(listed.data.map((t) => t.id)).toEqual([debit.id, credit.id]);
    expect((await stripe.customers.retrieveBalanceTransaction(customer.id, credit.id)).amount).toBe(-500);
    const updated = await stripe.customers.updateBalanceTransaction(customer.id, credit.id, {
      description: 'Apology credit',
    });
    expect(updated).toMatchObject({ description: 'Apology credit', amount: -500 });

    const events = (await stripe.events.list({ type: 'customer.updated' })).data;
    expect(events.map((e) => (e.data.object as { balance: number }).balance)).toEqual([-300, -500]);
    expect(events[1]!.data.previous_attributes).toMatchObject({ balance: 0 });
  });

  it('refuses another currency and unknown ids, changing nothing', async () => {
    const { stripe } = setup({ seed: 'none' });
    const customer = await stripe.customers.create({});
    await stripe.customers.createBalanceTransaction(customer.id, { amount: -100, currency: 'usd' });
    const eur = await stripeError(() =>
      stripe.customers.createBalanceTransaction(customer.id, { amount: -100, currency: 'eur' }),
    );
    expect(eur).toMatchObject({ statusCode: 400, param: 'currency' });
    const missing = await stripeError(() =>
      stripe.customers.createBalanceTransaction(customer.id, { currency: 'usd' } as never),
    );
    expect(missing).toMatchObject({ statusCode: 400, code: 'parameter_missing', param: 'amount' });
    expect(((await stripe.customers.retrieve(customer.id)) as { balance: number }).balance).toBe(-100);
    const other = await stripe.customers.create({});
    const [own] = (await stripe.customers.listBalanceTransactions(customer.id)).data;
    const foreign = await stripeError(() => stripe.customers.retrieveBalanceTransaction(other.id, own!.id));
    expect(foreign).toMatchObject({
      statusCode: 404,
      code: 'resource_missing',
      message: `No such customer balance transaction: '${own!.id}'`,
    });
  });

  it('records balance set on the customer and credit an invoice consumes', async () => {
    const { stripe } = setup({ seed: 'none' });
    const customer = await stripe.customers.create({ balance: -1000 });
    await stripe.customers.update(customer.id, { balance: -1500 });
    await stripe.invoiceItems.create({ customer: customer.id, amount: 600, currency: 'usd' });
    const invoice = await stripe.invoices.create({ customer: customer.id, pending_invoice_items_behavior: 'include' });
    await stripe.invoices.finalizeInvoice(invoice.id!);
    const ledger = (await stripe.customers.listBalanceTransactions(customer.id)).data;
    expect(ledger.map((t) => [t.type, t.amount, t.ending_balance, t.invoice])).toEqual([
      ['applied_to_invoice', 600, -900, invoice.id],
      ['adjustment', -500, -1500, null],
      ['initial', -1000, -1000, null],
    ]);
    expect((await stripe.customers.listBalanceTransactions(customer.id, { invoice: invoice.id! })).data).toHaveLength(
      1,
    );
    expect(((await stripe.customers.retrieve(customer.id)) as { balance: number }).balance).toBe(-900);
  });
});
