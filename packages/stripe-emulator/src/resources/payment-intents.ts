import type { Core } from '../core.js';
import { invalidRequest, missingParameter } from '../errors.js';
import { newId, randomToken } from '../ids.js';
import { matchesRange, paginate } from '../list.js';
import { paginationFields, parseFields, s, type Params } from '../params.js';
import type { StripeObject } from '../store.js';
import { intentPaymentMethod, paymentOutcome, authenticationAction } from '../billing/card-auth.js';
import { markPaid } from '../billing/invoicing.js';
import { invoiceIntent, recordCharge } from '../billing/payment-events.js';
import { attachPaymentMethod, paymentMethodDataSpec } from './payment-methods.js';
import { mergeMetadata } from './shared.js';

export function newIntent(
  core: Core,
  amount: number,
  currency: string,
  customer: string | null,
  now: number,
): StripeObject {
  const id = newId('pi');
  return {
    id,
    object: 'payment_intent',
    allowed_payment_method_types: null,
    amount,
    amount_capturable: 0,
    amount_received: 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: { allow_redirects: 'always', enabled: true },
    canceled_at: null,
    cancellation_reason: null,
    capture_method: 'automatic_async',
    client_secret: `${id}_secret_${randomToken(24)}`,
    confirmation_method: 'automatic',
    created: now,
    currency,
    customer,
    customer_account: null,
    description: null,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: null,
    livemode: false,
    managed_payments: null,
    metadata: {},
    next_action: null,
    on_behalf_of: null,
    payment_method: null,
    payment_method_configuration_details: { id: 'pmc_emulator_default', parent: null },
    payment_method_options: {
      card: { installments: null, mandate_options: null, network: null, request_three_d_secure: 'automatic' },
    },
    payment_method_types: ['card'],
    payment_record: null,
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: 'requires_payment_method',
    transfer_group: null,
  };
}

/** The invoice's `confirmation_secret`: the client secret of a PaymentIntent for what is due. */
export function confirmationSecretFor(
  core: Core,
  invoice: StripeObject,
): { client_secret: string; type: string } | null {
  if (invoice.status !== 'open') return null;
  const pi = invoiceIntent(core, invoice, () =>
    newIntent(core, invoice.amount_remaining, invoice.currency, invoice.customer, core.nowFor(invoice.test_clock)),
  );
  return { client_secret: pi.client_secret, type: 'payment_intent' };
}

function succeed(core: Core, pi: StripeObject, pm: StripeObject): void {
  recordCharge(core, pi, pm, null);
  const invoice = pi._invoice ? core.store.get(pi._invoice) : undefined;
  if (invoice && invoice.status === 'open') {
    const subId = invoice.parent?.subscription_details?.subscription;
    const sub = subId ? core.store.get(subId) : undefined;
    // Subscriptions created with save_default_payment_method=on_subscription keep the card.
    if (sub?.payment_settings?.save_default_payment_method === 'on_subscription') {
      if (!pm.customer) attachPaymentMethod(core, pm, invoice.customer);
      sub.default_payment_method = pm.id;
    }
    markPaid(core, invoice, pm.id);
  }
}

export function confirmPaymentIntent(core: Core, pi: StripeObject, p: Params): StripeObject {
  if (!['requires_payment_method', 'requires_confirmation', 'requires_action'].includes(pi.status))
    throw invalidRequest(
      `You cannot confirm this PaymentIntent because it has a status of ${pi.status}.`,
      undefined,
      'payment_intent_unexpected_state',
    );
  const pm =
    intentPaymentMethod(core, p) ?? (pi.payment_method ? core.store.find('payment_method', pi.payment_method) : null);
  if (!pm)
    throw invalidRequest(
      "You cannot confirm this PaymentIntent because it's missing a payment method.",
      'payment_method',
      'payment_intent_unexpected_state',
    );
  pi.payment_method = pm.id;
  const outcome = paymentOutcome(pm, p.off_session ?? false);
  if (outcome.kind === 'declined') {
    recordCharge(core, pi, pm, outcome.error.body);
    outcome.error.body.payment_intent = core.store.render(pi);
    core.commitDespiteError();
    throw outcome.error;
  }
  if (outcome.kind === 'requires_action') {
    pi.status = 'requires_action';
    pi.next_action = authenticationAction(core, pi, p);
    pi._return_url = p.return_url ?? null;
    core.emit('payment_intent.requires_action', pi);
    return pi;
  }
  succeed(core, pi, pm);
  return pi;
}

export function completePaymentAuthentication(core: Core, pi: StripeObject, approve: boolean): void {
  if (pi.status !== 'requires_action') return;
  const pm = core.store.find('payment_method', pi.payment_method);
  if (approve) return succeed(core, pi, pm);
  pi.status = 'requires_payment_method';
  pi.next_action = null;
  pi.payment_method = null;
  pi.last_payment_error = {
    type: 'invalid_request_error',
    code: 'payment_intent_authentication_failure',
    message:
      'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
    payment_method: core.store.render(pm),
  };
  core.emit('payment_intent.payment_failed', pi);
}

const confirmFields = {
  payment_method: s.string(),
  payment_method_data: paymentMethodDataSpec(),
  return_url: s.string(),
  off_session: s.bool(),
  use_stripe_sdk: s.bool(),
  setup_future_usage: s.emptyable(s.enum('off_session', 'on_session')),
  receipt_email: s.string(),
  capture_method: s.enum('automatic', 'automatic_async', 'manual'),
  client_secret: s.string(),
};

export function registerPaymentIntents(core: Core): void {
  const { router, store } = core;

  router.post('/v1/payment_intents', (ctx) => {
    const p = parseFields(
      {
        ...confirmFields,
        amount: s.int({ min: 1, max: 99999999 }),
        currency: s.string(),
        automatic_payment_methods: s.obj({ enabled: s.req(s.bool()), allow_redirects: s.enum('always', 'never') }),
        allowed_payment_method_types: s.array(s.string()),
        confirm: s.bool(),
        customer: s.string(),
        customer_account: s.string(),
        description: s.string(),
        metadata: s.metadata(),
        statement_descriptor: s.string(),
        statement_descriptor_suffix: s.string(),
        payment_method_configuration: s.string(),
        transfer_group: s.string(),
      },
      ctx.body,
    );
    // Off-session means "charge now without the customer": it only makes sense while confirming.
    if (p.off_session !== undefined && p.confirm !== true)
      throw invalidRequest('`off_session` can only be set when `confirm` is `true`.', 'off_session');
    if (p.amount === undefined) throw missingParameter('amount');
    if (!p.currency) throw missingParameter('currency');
    if (p.amount < 50) throw invalidRequest('Amount must be at least $0.50 usd', 'amount', 'amount_too_small');
    if (p.customer) store.findReferenced('customer', p.customer, 'customer');
    const pi = newIntent(core, p.amount, String(p.currency).toLowerCase(), p.customer ?? null, core.now());
    pi.description = p.description ?? null;
    pi.metadata = mergeMetadata({}, p.metadata);
    pi.receipt_email = p.receipt_email ?? null;
    pi.setup_future_usage = p.setup_future_usage || null;
    // Manual capture (`requires_capture`, then capture) is not emulated.
    if (p.capture_method === 'manual')
      throw invalidRequest(
        'stripe-emulator does not emulate manual capture: capture_method must be automatic or automatic_async.',
        'capture_method',
        'emulator_unsupported_parameter',
      );
    if (p.capture_method) pi.capture_method = p.capture_method;
    for (const k of ['statement_descriptor', 'statement_descriptor_suffix', 'transfer_group'] as const)
      if (p[k] !== undefined) pi[k] = p[k] || null;
    if (p.allowed_payment_method_types) {
      pi.allowed_payment_method_types = p.allowed_payment_method_types;
      pi.automatic_payment_methods = null;
      pi.payment_method_types = p.allowed_payment_method_types;
    }
    const pm = intentPaymentMethod(core, p);
    if (pm) {
      pi.payment_method = pm.id;
      pi.status = 'requires_confirmation';
    }
    store.put(pi);
    core.emit('payment_intent.created', pi);
    if (p.confirm) confirmPaymentIntent(core, pi, p);
    return store.render(pi);
  });

  router.get('/v1/payment_intents/:id', (ctx) => {
    parseFields({ client_secret: s.string() }, ctx.body);
    return store.render(store.find('payment_intent', ctx.route.id, 'intent'));
  });

  router.post('/v1/payment_intents/:id/confirm', (ctx) => {
    const p = parseFields(confirmFields, ctx.body);
    return store.render(confirmPaymentIntent(core, store.find('payment_intent', ctx.route.id, 'intent'), p));
  });

  router.post('/v1/payment_intents/:id/cancel', (ctx) => {
    const p = parseFields(
      { cancellation_reason: s.enum('abandoned', 'duplicate', 'fraudulent', 'requested_by_customer') },
      ctx.body,
    );
    const pi = store.find('payment_intent', ctx.route.id, 'intent');
    if (pi.status === 'succeeded' || pi.status === 'canceled')
      throw invalidRequest(
        `You cannot cancel this PaymentIntent because it has a status of ${pi.status}.`,
        undefined,
        'payment_intent_unexpected_state',
      );
    pi.status = 'canceled';
    pi.canceled_at = core.now();
    pi.cancellation_reason = p.cancellation_reason ?? null;
    core.emit('payment_intent.canceled', pi);
    return store.render(pi);
  });

  router.get('/v1/payment_intents', (ctx) => {
    const p = parseFields({ ...paginationFields(), customer: s.string(), customer_account: s.string() }, ctx.body);
    const items = store.all(
      'payment_intent',
      (x) => (p.customer === undefined || x.customer === p.customer) && matchesRange(x.created, p.created),
    );
    return paginate(items, p, '/v1/payment_intents', 'payment_intent', (o) => store.render(o));
  });
}
