import type { Core } from '../core.js';
import type { Params } from '../params.js';
import type { StripeObject } from '../store.js';
import { syncItemPeriods } from '../resources/subscription-model.js';

export interface StartOptions {
  paymentBehavior: 'allow_incomplete' | 'default_incomplete' | 'error_if_incomplete' | 'pending_if_incomplete';
  prorationBehavior: 'always_invoice' | 'create_prorations' | 'none';
  discounts?: Params[] | '';
  addInvoiceItems?: Params[];
  offSession: boolean;
}

/** Stores a new subscription and its items and bills the first period. */
export function startSubscription(core: Core, sub: StripeObject, items: StripeObject[], _opts: StartOptions): StripeObject {
  const { store } = core;
  sub.status = sub.trial_end ? 'trialing' : 'active';
  store.put(sub);
  for (const si of items) store.put(si);
  syncItemPeriods(core, sub, sub.start_date);
  core.emit('customer.subscription.created', sub);
  return sub;
}
