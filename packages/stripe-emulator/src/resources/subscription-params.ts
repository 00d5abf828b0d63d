import { s, type Spec } from '../params.js';
import { priceDataFields } from './prices.js';

const priceData = () =>
  s.obj({
    currency: s.req(s.string()),
    product: s.req(s.string()),
    recurring: s.req(s.obj({ interval: s.req(s.enum('day', 'week', 'month', 'year')), interval_count: s.int({ min: 1 }) })),
    tax_behavior: s.enum('exclusive', 'inclusive', 'unspecified'),
    unit_amount: s.int({ min: 0 }),
    unit_amount_decimal: s.string(),
  });

export const discountsSpec = () => s.emptyable(s.array(s.obj({ coupon: s.string(), discount: s.string(), promotion_code: s.string() })));

const itemCommon = {
  billing_thresholds: s.emptyable(s.obj({ usage_gte: s.req(s.int()) })),
  discounts: discountsSpec(),
  metadata: s.metadata(),
  plan: s.string(),
  price: s.string(),
  price_data: priceData(),
  quantity: s.int({ min: 0 }),
  tax_rates: s.emptyable(s.array(s.string())),
  current_trial: s.any(),
};

const addInvoiceItem = () =>
  s.obj({
    discountable: s.bool(),
    discounts: s.array(s.obj({ coupon: s.string(), discount: s.string(), promotion_code: s.string() })),
    metadata: s.metadata(),
    period: s.any(),
    price: s.string(),
    price_data: s.obj({ currency: s.req(s.string()), product: s.req(s.string()), tax_behavior: s.string(), unit_amount: s.int({ min: 0 }), unit_amount_decimal: s.string() }),
    quantity: s.int({ min: 0 }),
    tax_rates: s.emptyable(s.array(s.string())),
  });

const cancellationDetails = () =>
  s.obj({
    comment: s.emptyable(s.string({ maxLength: 5000 })),
    feedback: s.emptyable(s.enum('customer_service', 'low_quality', 'missing_features', 'other', 'switched_service', 'too_complex', 'too_expensive', 'unused')),
  });

const paymentBehavior = () => s.enum('allow_incomplete', 'default_incomplete', 'error_if_incomplete', 'pending_if_incomplete');
const prorationBehavior = () => s.enum('always_invoice', 'create_prorations', 'none');

const shared: Record<string, Spec> = {
  add_invoice_items: s.array(addInvoiceItem()),
  application_fee_percent: s.emptyable(s.number()),
  automatic_tax: s.obj({ enabled: s.req(s.bool()), liability: s.any() }),
  billing_thresholds: s.emptyable(s.any()),
  cancel_at_period_end: s.bool(),
  collection_method: s.enum('charge_automatically', 'send_invoice'),
  days_until_due: s.int({ min: 0 }),
  default_payment_method: s.string(),
  default_tax_rates: s.emptyable(s.array(s.string())),
  discounts: discountsSpec(),
  invoice_settings: s.obj({ account_tax_ids: s.emptyable(s.array(s.string())), issuer: s.any(), custom_fields: s.any(), description: s.string(), footer: s.string() }),
  metadata: s.metadata(),
  off_session: s.bool(),
  on_behalf_of: s.emptyable(s.string()),
  payment_behavior: paymentBehavior(),
  payment_settings: s.obj({ payment_method_options: s.any(), payment_method_types: s.emptyable(s.array(s.string())), save_default_payment_method: s.enum('off', 'on_subscription') }),
  pending_invoice_item_interval: s.emptyable(s.any()),
  proration_behavior: prorationBehavior(),
  transfer_data: s.any(),
  trial_end: s.timestampOrNow(),
  trial_from_plan: s.bool(),
  trial_settings: s.obj({ end_behavior: s.req(s.obj({ missing_payment_method: s.req(s.enum('cancel', 'create_invoice', 'pause')) })) }),
};

export const createFields: Record<string, Spec> = {
  ...shared,
  customer: s.req(s.string()),
  customer_account: s.string(),
  items: s.array(s.obj(itemCommon)),
  backdate_start_date: s.int({ min: 0 }),
  billing_cycle_anchor: s.int({ min: 0 }),
  billing_cycle_anchor_config: s.obj({ day_of_month: s.req(s.int({ min: 1, max: 31 })), hour: s.int(), minute: s.int(), month: s.int(), second: s.int() }),
  billing_mode: s.any(),
  billing_schedules: s.any(),
  cancel_at: s.oneOf(s.int({ min: 0 }), s.enum('max_period_end', 'min_period_end')),
  currency: s.string(),
  default_source: s.string(),
  description: s.string(),
  trial_period_days: s.int({ min: 0, max: 730 }),
};

export const billingCycleAnchorSpec = () => s.oneOf(s.enum('now', 'unchanged'), s.obj({ type: s.req(s.enum('now', 'unchanged')) }));

export const updateItemFields = { ...itemCommon, id: s.string(), deleted: s.bool(), clear_usage: s.bool() };

export const updateFields: Record<string, Spec> = {
  ...shared,
  items: s.array(s.obj(updateItemFields)),
  billing_cycle_anchor: billingCycleAnchorSpec(),
  billing_schedules: s.any(),
  cancel_at: s.emptyable(s.oneOf(s.int({ min: 0 }), s.enum('max_period_end', 'min_period_end'))),
  cancellation_details: cancellationDetails(),
  default_source: s.emptyable(s.string()),
  description: s.emptyable(s.string()),
  pause_collection: s.emptyable(s.obj({ behavior: s.req(s.enum('keep_as_draft', 'mark_uncollectible', 'void')), resumes_at: s.int({ min: 0 }) })),
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
  status: s.enum('active', 'all', 'canceled', 'ended', 'incomplete', 'incomplete_expired', 'past_due', 'paused', 'trialing', 'unpaid'),
  test_clock: s.string(),
};

export { priceDataFields };
