import type { Core } from '../core.js';
import { invalidRequest } from '../errors.js';
import { newId, randomToken } from '../ids.js';
import { matchesRange, paginate } from '../list.js';
import { paginationFields, parseFields, s, type Params } from '../params.js';
import type { StripeObject } from '../store.js';
import { intentPaymentMethod, authenticationAction, setupOutcome } from '../billing/card-auth.js';
import { attachPaymentMethod, paymentMethodDataSpec } from './payment-methods.js';
import { sdkEnumValues } from '../sdk-params/enums.js';
import { mergeMetadata } from './shared.js';

// Not listed, so refused with `emulator_unsupported_parameter`: `mandate_data` and
// `payment_method_options` (no mandates, no per-method options), `confirmation_token`,
// `payment_method_configuration`, `single_use`, `attach_to_self`, Connect's `on_behalf_of` and
// Accounts v2's `customer_account`.
const confirmFields = {
  payment_method: s.string(),
  payment_method_data: paymentMethodDataSpec(),
  return_url: s.string(),
  use_stripe_sdk: s.bool(),
  client_secret: s.string(),
};

/** Lists of method types, checked against the SDK's union so what is stored is what Stripe would send. */
const typeLists = () => ({
  allowed_payment_method_types: s.array(s.string()),
  excluded_payment_method_types: s.array(s.enum(...sdkEnumValues('SetupIntentCreateParams.ExcludedPaymentMethodType'))),
  flow_directions: s.array(s.enum('inbound', 'outbound')),
});

/** Completes a setup: attaches the card to the customer and marks the intent succeeded. */
function succeed(core: Core, si: StripeObject, pm: StripeObject): void {
  if (si.customer) attachPaymentMethod(core, pm, si.customer);
  si.status = 'succeeded';
  si.next_action = null;
  si.last_setup_error = null;
  core.emit('setup_intent.succeeded', si);
}

export function confirmSetupIntent(core: Core, si: StripeObject, p: Params): StripeObject {
  if (si.status === 'succeeded' || si.status === 'canceled')
    throw invalidRequest(
      `You cannot confirm this SetupIntent because it has a status of ${si.status}.`,
      undefined,
      'setup_intent_unexpected_state',
    );
  const pm =
    intentPaymentMethod(core, p) ?? (si.payment_method ? core.store.find('payment_method', si.payment_method) : null);
  if (!pm)
    throw invalidRequest(
      "You cannot confirm this SetupIntent because it's missing a payment method. Update the SetupIntent with a payment method and then confirm it again.",
      'payment_method',
      'setup_intent_invalid_parameter' as string,
    );
  si.payment_method = pm.id;
  const outcome = setupOutcome(pm);
  if (outcome.kind === 'declined') {
    si.status = 'requires_payment_method';
    si.last_setup_error = { ...outcome.error.body, payment_method: core.store.render(pm) };
    si.payment_method = null;
    core.emit('setup_intent.setup_failed', si);
    outcome.error.body.setup_intent = core.store.render(si);
    core.commitDespiteError();
    throw outcome.error;
  }
  if (outcome.kind === 'requires_action') {
    si.status = 'requires_action';
    si.next_action = authenticationAction(core, si, p);
    si._return_url = p.return_url ?? null;
    core.emit('setup_intent.requires_action', si);
    return si;
  }
  succeed(core, si, pm);
  return si;
}

/** Result of the hosted 3DS challenge for a setup intent. */
export function completeSetupAuthentication(core: Core, si: StripeObject, approve: boolean): void {
  if (si.status !== 'requires_action') return;
  const pm = core.store.find('payment_method', si.payment_method);
  if (approve) {
    succeed(core, si, pm);
    return;
  }
  si.status = 'requires_payment_method';
  si.next_action = null;
  si.payment_method = null;
  si.last_setup_error = {
    type: 'invalid_request_error',
    code: 'setup_intent_authentication_failure',
    message:
      'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
    payment_method: core.store.render(pm),
  };
  core.emit('setup_intent.setup_failed', si);
}

export function registerSetupIntents(core: Core): void {
  const { router, store } = core;

  router.post('/v1/setup_intents', (ctx) => {
    const p = parseFields(
      {
        ...confirmFields,
        ...typeLists(),
        automatic_payment_methods: s.obj({ enabled: s.req(s.bool()), allow_redirects: s.enum('always', 'never') }),
        confirm: s.bool(),
        customer: s.string(),
        description: s.string(),
        metadata: s.metadata(),
        usage: s.enum('off_session', 'on_session'),
      },
      ctx.body,
    );
    if (p.customer) store.findReferenced('customer', p.customer, 'customer');
    const id = newId('seti');
    const si: StripeObject = {
      id,
      object: 'setup_intent',
      allowed_payment_method_types: p.allowed_payment_method_types ?? null,
      application: null,
      automatic_payment_methods: p.allowed_payment_method_types
        ? null
        : { allow_redirects: p.automatic_payment_methods?.allow_redirects ?? 'always', enabled: true },
      cancellation_reason: null,
      client_secret: `${id}_secret_${randomToken(24)}`,
      created: core.now(),
      customer: p.customer ?? null,
      description: p.description ?? null,
      excluded_payment_method_types: p.excluded_payment_method_types ?? null,
      flow_directions: p.flow_directions ?? null,
      last_setup_error: null,
      latest_attempt: null,
      livemode: false,
      mandate: null,
      metadata: mergeMetadata({}, p.metadata),
      next_action: null,
      on_behalf_of: null,
      payment_method: null,
      payment_method_configuration_details: p.allowed_payment_method_types
        ? null
        : { id: 'pmc_emulator_default', parent: null },
      payment_method_options: { card: { mandate_options: null, network: null, request_three_d_secure: 'automatic' } },
      payment_method_types: p.allowed_payment_method_types ?? ['card'],
      single_use_mandate: null,
      status: 'requires_payment_method',
      usage: p.usage ?? 'off_session',
    };
    const pm = intentPaymentMethod(core, p);
    if (pm) {
      si.payment_method = pm.id;
      si.status = 'requires_confirmation';
    }
    store.put(si);
    core.emit('setup_intent.created', si);
    if (p.confirm) confirmSetupIntent(core, si, p);
    return store.render(si);
  });

  router.get('/v1/setup_intents/:id', (ctx) => {
    parseFields({ client_secret: s.string() }, ctx.body);
    return store.render(store.find('setup_intent', ctx.route.id, 'intent'));
  });

  router.post('/v1/setup_intents/:id', (ctx) => {
    const p = parseFields(
      {
        customer: s.string(),
        description: s.string(),
        metadata: s.metadata(),
        payment_method: s.string(),
        payment_method_data: paymentMethodDataSpec(),
        ...typeLists(),
      },
      ctx.body,
    );
    const si = store.find('setup_intent', ctx.route.id, 'intent');
    if (si.status === 'succeeded' || si.status === 'canceled')
      throw invalidRequest(
        `This SetupIntent has a status of ${si.status} and cannot be updated.`,
        undefined,
        'setup_intent_unexpected_state',
      );
    if (p.customer) si.customer = store.findReferenced('customer', p.customer, 'customer').id;
    if (p.description !== undefined) si.description = p.description;
    if (p.metadata !== undefined) si.metadata = mergeMetadata(si.metadata, p.metadata);
    if (p.flow_directions !== undefined) si.flow_directions = p.flow_directions;
    if (p.excluded_payment_method_types !== undefined)
      si.excluded_payment_method_types = p.excluded_payment_method_types;
    if (p.allowed_payment_method_types !== undefined) {
      si.allowed_payment_method_types = si.payment_method_types = p.allowed_payment_method_types;
      si.automatic_payment_methods = si.payment_method_configuration_details = null;
    }
    const pm = intentPaymentMethod(core, p);
    if (pm) {
      si.payment_method = pm.id;
      si.status = 'requires_confirmation';
    }
    return store.render(si);
  });

  router.post('/v1/setup_intents/:id/confirm', (ctx) => {
    const p = parseFields(confirmFields, ctx.body);
    const si = store.find('setup_intent', ctx.route.id, 'intent');
    return store.render(confirmSetupIntent(core, si, p));
  });

  router.post('/v1/setup_intents/:id/cancel', (ctx) => {
    const p = parseFields({ cancellation_reason: s.enum('abandoned', 'duplicate', 'requested_by_customer') }, ctx.body);
    const si = store.find('setup_intent', ctx.route.id, 'intent');
    if (si.status === 'succeeded' || si.status === 'canceled')
      throw invalidRequest(
        `You cannot cancel this SetupIntent because it has a status of ${si.status}.`,
        undefined,
        'setup_intent_unexpected_state',
      );
    si.status = 'canceled';
    si.cancellation_reason = p.cancellation_reason ?? null;
    si.next_action = null;
    core.emit('setup_intent.canceled', si);
    return store.render(si);
  });

  router.get('/v1/setup_intents', (ctx) => {
    const p = parseFields({ ...paginationFields(), customer: s.string(), payment_method: s.string() }, ctx.body);
    const items = store.all(
      'setup_intent',
      (x) =>
        (p.customer === undefined || x.customer === p.customer) &&
        (p.payment_method === undefined || x.payment_method === p.payment_method) &&
        matchesRange(x.created, p.created),
    );
    return paginate(items, p, '/v1/setup_intents', 'setup_intent', (o) => store.render(o));
  });
}
