import { s, type Spec } from '../params.js';
import { priceDataFields } from './prices.js';

const priceData = () =>
  s.obj({
    currency: s.req(s.string()),
    product: s.req(s.string()),
    recurring: s.req(
      s.obj({ interval: s.req(s.enum('day', 'week', 'month', 'year')), interval_count: s.int({ min: 1 }) }),
    ),
    tax_behavior: s.enum('exclusive', 'inclusive', 'unspecified'),
    unit_amount: s.int({ min: 0 }),
    unit_amount_decimal: s.string(),
  });

export const discountsSpec = () =>
  s.emptyable(s.array(s.obj({ coupon: s.string(), discount: s.string(), promotion_code: s.string() })));

// Parameters the emulator does not honour are left out of these specs on purpose, so Stripe's
// valid names get a 400 `emulator_unsupported_parameter` instead of being accepted and ignored:
// usage thresholds, tax rates and automatic tax, Connect (application fees, on_behalf_of,
// transfer_data), pending invoice item intervals, billing modes and schedules, invoice_settings
// and payment method options on subscriptions, and `current_trial`.
const itemCommon = {
  discounts: discountsSpec(),
  metadata: s.metadata(),
  plan: s.string(),
  price: s.string(),
  price_data: priceData(),
  quantity: s.int({ min: 0 }),
};

const addInvoiceItem = () =>
  s.obj({
    discountable: s.bool(),
    discounts: s.array(s.obj({ coupon: s.string(), discount: s.string(), promotion_code: s.string() })),
    metadata: s.metadata(),
    price: s.string(),
    price_data: s.obj({
      currency: s.req(s.string()),
      product: s.req(s.string()),
      tax_behavior: s.string(),
      unit_amount: s.int({ min: 0 }),
      unit_amount_decimal: s.string(),
    }),
    quantity: s.int({ min: 0 }),
  });

const cancellationDetails = () =>
  s.obj({
    comment: s.emptyable(s.string({ maxLength: 5000 })),
    feedback: s.emptyable(
      s.enum(
        'customer_service',
        'low_quality',
        'missing_features',
        'other',
        'switched_service',
        'too_complex',
        'too_expensive',
        'unused',
      ),
    ),
  });

const paymentBehavior = () =>
  s.enum('allow_incomplete', 'default_incomplete', 'error_if_incomplete', 'pending_if_incomplete');
const prorationBehavior = () => s.enum('always_invoice', 'create_prorations', 'none');

const shared: Record<string, Spec> = {
  add_invoice_items: s.array(addInvoiceItem()),
  cancel_at_period_end: s.bool(),
  collection_method: s.enum('charge_automatically', 'send_invoice'),
  days_until_due: s.int({ min: 0 }),
  default_payment_method: s.string(),
  discounts: discountsSpec(),
  metadata: s.metadata(),
  off_session: s.bool(),
  payment_behavior: paymentBehavior(),
  payment_settings: s.obj({ save_default_payment_method: s.enum('off', 'on_subscription') }),
  proration_behavior: prorationBehavior(),
  trial_end: s.timestampOrNow(),
  trial_from_plan: s.bool(),
  trial_settings: s.obj({
    end_behavior: s.req(s.obj({ missing_payment_method: s.req(s.enum('cancel', 'create_invoice', 'pause')) })),
  }),
};

export const createFields: Record<string, Spec> = {
  ...shared,
  customer: s.req(s.string()),
  items: s.array(s.obj(itemCommon)),
  backdate_start_date: s.int({ min: 0 }),
  billing_cycle_anchor: s.int({ min: 0 }),
  billing_cycle_anchor_config: s.obj({
    day_of_month: s.req(s.int({ min: 1, max: 31 })),
    hour: s.int(),
    minute: s.int(),
    month: s.int(),
    second: s.int(),
  }),
  cancel_at: s.oneOf(s.int({ min: 0 }), s.enum('max_period_end', 'min_period_end')),
  currency: s.string(),
  description: s.string(),
  trial_period_days: s.int({ min: 0, max: 730 }),
};

export const billingCycleAnchorSpec = () =>
  s.oneOf(s.enum('now', 'unchanged'), s.obj({ type: s.req(s.enum('now', 'unchanged')) }));

export const updateItemFields = { ...itemCommon, id: s.string(), deleted: s.bool(), clear_usage: s.bool() };

export const updateFields: Record<string, Spec> = {
  ...shared,
  items: s.array(s.obj(updateItemFields)),
  billing_cycle_anchor: billingCycleAnchorSpec(),
  cancel_at: s.emptyable(s.oneOf(s.int({ min: 0 }), s.enum('max_period_end', 'min_period_end'))),
  cancellation_details: cancellationDetails(),
  description: s.emptyable(s.string()),
  pause_collection: s.emptyable(
    s.obj({ behavior: s.req(s.enum('keep_as_draft', 'mark_uncollectible', 'void')), resumes_at: s.int({ min: 0 }) }),
  ),
  proration_date: s.int({ min: 0 }),
};

export const cancelFields: Record<string, Spec> = {
  cancellation_details: cancellationDetails(),
  invoice_now: s.bool(),
  prorate: s.bool(),
};

export const listFields: Record<string, Spec> = {
  limit: s.int(),
  starting_after: s.string(),
  ending_before: s.string(),
  created: s.range(),
  current_period_end: s.range(),
  current_period_start: s.range(),
  automatic_tax: s.obj({ enabled: s.req(s.bool()) }),
  collection_method: s.enum('charge_automatically', 'send_invoice'),
  customer: s.string(),
  customer_account: s.string(),
  plan: s.string(),
  price: s.string(),
  status: s.enum(
    'active',
    'all',
    'canceled',
    'ended',
    'incomplete',
    'incomplete_expired',
    'past_due',
    'paused',
    'trialing',
    'unpaid',
  ),
  test_clock: s.string(),
};

export { priceDataFields };
