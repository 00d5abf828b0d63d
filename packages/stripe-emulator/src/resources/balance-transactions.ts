import type { Core } from '../core.js';
import { resourceMissing } from '../errors.js';
import { newId } from '../ids.js';
import { paginate } from '../list.js';
import { paginationFields, parseFields } from '../params.js';
import type { StripeObject } from '../store.js';

/**
 * Records a change of the customer's balance made by an invoice, as Stripe does: a negative
 * invoice total (more credit than charge) becomes credit on the balance, and a later invoice that
 * consumes it records that too. `amount` is the change (negative = credit to the customer).
 */
export function recordInvoiceBalance(core: Core, customer: StripeObject, invoice: StripeObject, amount: number, endingBalance: number): void {
  if (amount === 0) return;
  core.store.put({
    id: newId('cbtxn'),
    object: 'customer_balance_transaction',
    amount,
    checkout_session: null,
    created: invoice.effective_at ?? core.nowFor(customer.test_clock),
    credit_note: null,
    currency: invoice.currency,
    customer: customer.id,
    customer_account: null,
    description: null,
    ending_balance: endingBalance,
    invoice: invoice.id,
    livemode: false,
    metadata: {},
    type: 'applied_to_invoice',
  });
}

export function registerBalanceTransactions(core: Core): void {
  const { router, store } = core;
  router.get('/v1/customers/:id/balance_transactions', (ctx) => {
    const p = parseFields(paginationFields(), ctx.body);
    const customer = store.find('customer', ctx.route.id, 'customer');
    const items = store.all('customer_balance_transaction', (t) => t.customer === customer.id);
    return paginate(items, p, `/v1/customers/${customer.id}/balance_transactions`, 'customer_balance_transaction', (o) => store.render(o));
  });
  router.get('/v1/customers/:id/balance_transactions/:txn', (ctx) => {
    parseFields({}, ctx.body);
    const customer = store.find('customer', ctx.route.id, 'customer');
    const txn = store.find('customer_balance_transaction', ctx.route.txn);
    if (txn.customer !== customer.id) throw resourceMissing('customer_balance_transaction', String(ctx.route.txn));
    return store.render(txn);
  });
}
