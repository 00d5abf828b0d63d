import type { Core } from '../core.js';
import { invalidRequest, resourceMissing } from '../errors.js';
import { newId } from '../ids.js';
import { matchesRange, paginate } from '../list.js';
import { paginationFields, parseFields, s } from '../params.js';
import type { StripeObject } from '../store.js';
import { mergeMetadata } from './shared.js';

/** Stripe's account default currency in the emulator (every demo price is in it). */
const ACCOUNT_CURRENCY = 'usd';

type BalanceTransactionType =
  'adjustment' | 'applied_to_invoice' | 'initial' | 'invoice_overpaid' | 'unapplied_from_invoice';

/**
 * Moves a customer's balance and records why, the one way every balance change goes (API
 * adjustments, `balance` on create/update, invoices consuming credit). Negative is credit.
 * The customer's currency is fixed by its first balance movement, as with Stripe.
 */
export function recordBalanceChange(
  core: Core,
  customer: StripeObject,
  change: {
    amount: number;
    type: BalanceTransactionType;
    currency?: string;
    invoice?: string | null;
    description?: string | null;
    metadata?: Record<string, string>;
  },
): StripeObject {
  const currency = change.currency ?? customer.currency ?? ACCOUNT_CURRENCY;
  customer.currency ??= currency;
  customer.balance = (customer.balance ?? 0) + change.amount;
  const txn: StripeObject = {
    id: newId('cbtxn'),
    object: 'customer_balance_transaction',
    amount: change.amount,
    checkout_session: null,
    created: core.nowFor(customer.test_clock),
    credit_note: null,
    currency,
    customer: customer.id,
    customer_account: null,
    description: change.description ?? null,
    ending_balance: customer.balance,
    invoice: change.invoice ?? null,
    livemode: false,
    metadata: change.metadata ?? {},
    type: change.type,
  };
  core.store.put(txn);
  return txn;
}

function findTransaction(core: Core, customerId: string, id: string | undefined): StripeObject {
  const txn = id ? core.store.get(id) : undefined;
  // Another customer's transaction answers like a missing one, so ids cannot be probed.
  if (!txn || txn.object !== 'customer_balance_transaction' || txn.customer !== customerId)
    throw resourceMissing('customer_balance_transaction', String(id));
  return txn;
}

export function registerCustomerBalance(core: Core): void {
  const { router, store } = core;
  const base = '/v1/customers/:id/balance_transactions';

  router.post(base, (ctx) => {
    const p = parseFields(
      {
        amount: s.req(s.int()),
        currency: s.req(s.string()),
        description: s.string({ maxLength: 350 }),
        metadata: s.metadata(),
      },
      ctx.body,
    );
    const customer = store.find('customer', ctx.route.id, 'customer');
    const currency = p.currency.toLowerCase();
    if (customer.currency && customer.currency !== currency)
      throw invalidRequest(
        `The currency of this balance transaction (${currency}) does not match the customer's currency (${customer.currency}).`,
        'currency',
      );
    const before = { balance: customer.balance, currency: customer.currency };
    const txn = recordBalanceChange(core, customer, {
      amount: p.amount,
      type: 'adjustment',
      currency,
      description: p.description ?? null,
      metadata: mergeMetadata({}, p.metadata),
    });
    // Stripe announces the new balance on the customer; balance transactions have no events of their own.
    core.emit(
      'customer.updated',
      customer,
      before.currency === customer.currency ? { balance: before.balance } : before,
    );
    return store.render(txn);
  });

  router.get(`${base}/:txn`, (ctx) => {
    parseFields({}, ctx.body);
    const customer = store.find('customer', ctx.route.id, 'customer');
    return store.render(findTransaction(core, customer.id, ctx.route.txn));
  });

  router.post(`${base}/:txn`, (ctx) => {
    const p = parseFields({ description: s.string({ maxLength: 350 }), metadata: s.metadata() }, ctx.body);
    const customer = store.find('customer', ctx.route.id, 'customer');
    const txn = findTransaction(core, customer.id, ctx.route.txn);
    if (p.description !== undefined) txn.description = p.description || null;
    if (p.metadata !== undefined) txn.metadata = mergeMetadata(txn.metadata, p.metadata);
    return store.render(txn);
  });

  router.get(base, (ctx) => {
    const p = parseFields({ ...paginationFields(), invoice: s.string() }, ctx.body);
    const customer = store.find('customer', ctx.route.id, 'customer');
    const items = store.all(
      'customer_balance_transaction',
      (t) =>
        t.customer === customer.id &&
        (p.invoice === undefined || t.invoice === p.invoice) &&
        matchesRange(t.created, p.created),
    );
    return paginate(
      items,
      p,
      `/v1/customers/${customer.id}/balance_transactions`,
      'customer_balance_transaction',
      (o) => store.render(o),
    );
  });
}
