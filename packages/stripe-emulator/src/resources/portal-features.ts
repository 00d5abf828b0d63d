import type { Core } from '../core.js';
import { invalidRequest, unsupportedParameter } from '../errors.js';
import { s, type Params, type Spec } from '../params.js';

/**
 * `features` of a billing-portal configuration: Stripe's types and enums, Stripe's defaults, and
 * the settings the emulated hosted portal cannot honour (refused, never stored and ignored).
 * Every accepted setting drives `hosted/portal-*.ts`: switches show or refuse pages, `mode` and
 * `proration_behavior` shape a cancellation, `duration` the pause choices, `allowed_updates` the
 * billing-details form, `default_allowed_updates`, `products`, `billing_cycle_anchor`,
 * `trial_update_behavior` and `schedule_at_period_end` a confirmed plan change.
 */

export const CANCEL_REASONS = [
  'too_expensive',
  'missing_features',
  'switched_service',
  'unused',
  'customer_service',
  'too_complex',
  'low_quality',
  'other',
];
/** The customer fields the hosted billing-details page edits; `shipping` and `tax_id` it cannot. */
export const EDITABLE_CUSTOMER_FIELDS = ['address', 'email', 'name', 'phone'];

export function featuresSpec(creating: boolean): Spec {
  // On create Stripe requires each given feature's `enabled` (and the reasons' `options`).
  const enabled = creating ? s.req(s.bool()) : s.bool();
  const reasonOptions = s.emptyable(s.array(s.enum(...[...CANCEL_REASONS].sort())));
  return s.obj({
    customer_update: s.obj({
      allowed_updates: s.emptyable(s.array(s.enum('address', 'email', 'name', 'phone', 'shipping', 'tax_id'))),
      enabled,
    }),
    invoice_history: s.obj({ enabled: s.req(s.bool()) }),
    payment_method_update: s.obj({ enabled, payment_method_configuration: s.emptyable(s.string()) }),
    subscription_cancel: s.obj({
      cancellation_reason: s.obj({
        enabled: s.req(s.bool()),
        feedback_options: s.emptyable(s.array(s.string())),
        options: creating ? s.req(reasonOptions) : reasonOptions,
      }),
      enabled,
      mode: s.enum('at_period_end', 'immediately'),
      proration_behavior: s.enum('always_invoice', 'create_prorations', 'none'),
    }),
    subscription_pause: s.obj({
      duration: s.obj({
        interval_options: s.emptyable(
          s.array(
            s.obj({ interval: s.req(s.enum('day', 'month', 'week', 'year')), interval_count: s.int({ min: 1 }) }),
          ),
        ),
        type: s.req(s.enum('indefinite', 'interval_options')),
      }),
      enabled: s.bool(),
    }),
    subscription_update: s.obj({
      billing_cycle_anchor: s.enum('now', 'unchanged'),
      default_allowed_updates: s.emptyable(s.array(s.enum('price', 'promotion_code', 'quantity'))),
      enabled,
      products: s.emptyable(
        s.array(
          s.obj({
            adjustable_quantity: s.obj({
              enabled: s.req(s.bool()),
              maximum: s.int({ min: 1 }),
              minimum: s.int({ min: 0 }),
            }),
            prices: s.req(s.array(s.string())),
            product: s.req(s.string()),
          }),
        ),
      ),
      proration_behavior: s.enum('always_invoice', 'create_prorations', 'none'),
      schedule_at_period_end: s.obj({
        conditions: s.emptyable(
          s.array(s.obj({ type: s.req(s.enum('decreasing_item_amount', 'shortening_interval')) })),
        ),
      }),
      trial_update_behavior: s.enum('continue_trial', 'end_trial'),
    }),
  });
}

export function defaultFeatures(): Params {
  return {
    customer_update: { allowed_updates: ['email', 'address'], enabled: false },
    invoice_history: { enabled: true },
    payment_method_update: { enabled: true, payment_method_configuration: null },
    subscription_cancel: {
      cancellation_reason: { enabled: false, feedback_options: null, options: CANCEL_REASONS },
      enabled: true,
      mode: 'at_period_end',
      proration_behavior: 'none',
    },
    // Stripe's default: `interval_options` with a single one-month option.
    subscription_pause: {
      duration: { interval_options: [{ interval: 'month', interval_count: 1 }], type: 'interval_options' },
      enabled: false,
    },
    subscription_update: {
      billing_cycle_anchor: null,
      default_allowed_updates: [],
      enabled: false,
      products: [],
      proration_behavior: 'none',
      schedule_at_period_end: { conditions: [] },
      trial_update_behavior: 'end_trial',
    },
  };
}

const F = 'features';

/**
 * Refuses what the hosted portal cannot do and checks references, before anything is stored:
 * PaymentMethod configurations, Billing feedback options, and editing shipping or tax IDs are not
 * emulated; offered products and prices must exist and belong together.
 */
export function checkFeatures(core: Core, f: Params): void {
  if (f.payment_method_update?.payment_method_configuration)
    throw unsupportedParameter(`${F}[payment_method_update][payment_method_configuration]`);
  const feedback = f.subscription_cancel?.cancellation_reason?.feedback_options;
  if (Array.isArray(feedback) && feedback.length > 0)
    throw unsupportedParameter(`${F}[subscription_cancel][cancellation_reason][feedback_options]`);
  const allowed = f.customer_update?.allowed_updates;
  if (Array.isArray(allowed))
    allowed.forEach((field: string, i: number) => {
      if (!EDITABLE_CUSTOMER_FIELDS.includes(field))
        throw unsupportedParameter(`${F}[customer_update][allowed_updates][${i}]`);
    });
  const products = f.subscription_update?.products;
  if (Array.isArray(products))
    products.forEach((p: Params, i: number) => {
      const at = `${F}[subscription_update][products][${i}]`;
      const product = core.store.findReferenced('product', p.product, `${at}[product]`);
      (p.prices as string[]).forEach((id, j) => {
        const price = core.store.findReferenced('price', id, `${at}[prices][${j}]`);
        if (price.product !== product.id)
          throw invalidRequest(`The price ${id} does not belong to the product ${product.id}.`, `${at}[prices][${j}]`);
        if (!price.recurring) throw invalidRequest(`The price ${id} is not a recurring price.`, `${at}[prices][${j}]`);
      });
      const aq = p.adjustable_quantity;
      if (aq?.maximum !== undefined && aq.minimum !== undefined && aq.maximum < aq.minimum)
        throw invalidRequest(
          'The maximum quantity must be greater than or equal to the minimum quantity.',
          `${at}[adjustable_quantity][maximum]`,
        );
    });
}

function merge(base: Params, patch: Params | undefined): Params {
  if (!patch) return base;
  const out: Params = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    out[k] =
      v &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      base[k] &&
      typeof base[k] === 'object' &&
      !Array.isArray(base[k])
        ? merge(base[k], v)
        : v;
  }
  return out;
}

/** Applies parsed `features` on top of `current` (Stripe merges a partial update) in the object's shape. */
export function applyFeatures(current: Params, patch: Params | undefined): Params {
  const f = merge(current, patch);
  const list = (v: unknown) => (v === '' ? [] : v);
  f.customer_update.allowed_updates = list(f.customer_update.allowed_updates);
  f.payment_method_update.payment_method_configuration ||= null;
  const reasons = f.subscription_cancel.cancellation_reason;
  reasons.options = list(reasons.options);
  reasons.feedback_options = reasons.feedback_options === '' ? null : reasons.feedback_options;
  f.subscription_pause.duration.interval_options = list(f.subscription_pause.duration.interval_options);
  const su = f.subscription_update;
  su.default_allowed_updates = list(su.default_allowed_updates);
  su.products = (list(su.products) as Params[]).map((p) => ({
    adjustable_quantity: {
      enabled: p.adjustable_quantity?.enabled === true,
      maximum: p.adjustable_quantity?.maximum ?? null,
      minimum: p.adjustable_quantity?.minimum ?? 0,
    },
    prices: p.prices ?? [],
    product: p.product,
  }));
  su.schedule_at_period_end = {
    conditions: (list(su.schedule_at_period_end?.conditions ?? []) as Params[]).map((c) => ({ type: c.type })),
  };
  for (const o of f.subscription_pause.duration.interval_options as Params[]) o.interval_count ??= 1;
  return f;
}

/** The feature each deep-link flow type opens: a confirm deep link is a subscription update. */
const FLOW_FEATURES: Record<string, string> = {
  payment_method_update: 'payment_method_update',
  subscription_cancel: 'subscription_cancel',
  subscription_pause: 'subscription_pause',
  subscription_update: 'subscription_update',
  subscription_update_confirm: 'subscription_update',
  customer_update: 'customer_update',
};

/** Whether the configuration has the feature a flow type needs turned on. */
export function flowFeatureEnabled(config: Params, flowType: string): boolean {
  const feature = FLOW_FEATURES[flowType];
  return feature !== undefined && config.features[feature]?.enabled === true;
}

/**
 * Stripe refuses a session whose deep link needs a feature the configuration has off (the
 * customer would land on a page the portal does not offer), naming `flow_data[type]`.
 */
export function checkFlowFeature(config: Params, flowType: string): void {
  if (flowFeatureEnabled(config, flowType)) return;
  const feature = FLOW_FEATURES[flowType] ?? flowType;
  throw invalidRequest(
    `You can't create a portal session with \`flow_data[type]=${flowType}\` because \`features[${feature}][enabled]\` is false on the portal configuration \`${config.id}\`. Enable it in the configuration, or use another flow.`,
    'flow_data[type]',
  );
}
