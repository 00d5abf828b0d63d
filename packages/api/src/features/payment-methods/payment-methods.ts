import { ErrorReason, type CreateSetupIntentOutput, type PaymentMethodListOutput } from '@portal/contract';
import { TRPCError } from '@trpc/server';
import type Stripe from 'stripe';
import type { Deps } from '../../context';
import { defaultPaymentMethodId, isExpired, toPaymentMethodView } from '../../mappers/payment-method-view';
import { customerWithConfig, featureDisabled, findOrNotFound } from '../../viewer/guards';
import { billingStateOf, liveBillingState, type BillingState } from '../../mirror/billing-state';

type StripeKey = (action: string) => string;

/** Subscriptions in these states will try to charge the saved card on their own. */
const CHARGING = new Set<Stripe.Subscription.Status>([
  'active',
  'trialing',
  'past_due',
  'unpaid',
  'incomplete',
  'paused',
]);

const listAll = (deps: Deps, customerId: string) =>
  deps.stripe.customers.listPaymentMethods(customerId, { limit: 100 }).autoPagingToArray({ limit: 1000 });

/** Read for the screen (from the mirror on the server), or `live` after a change of ours. */
export async function listPaymentMethods(
  deps: Deps,
  customerId: string,
  source: BillingState | Promise<BillingState> = billingStateOf(deps, customerId),
): Promise<PaymentMethodListOutput> {
  const state = await source;
  const [customer, methods] = await Promise.all([state.customer(), state.paymentMethods()]);
  const now = deps.now();
  const defaultId = defaultPaymentMethodId(customer);
  return { paymentMethods: methods.map((pm) => toPaymentMethodView(pm, defaultId, now)) };
}

async function requireUpdatesAllowed(deps: Deps, customerId: string): Promise<Stripe.Customer> {
  const { customer, config } = await customerWithConfig(deps, customerId);
  if (!config.features.payment_method_update.enabled)
    throw featureDisabled('payment_methods', 'Payment methods cannot be changed here.');
  return customer;
}

/** The id belongs to this customer, else NOT_FOUND (Stripe scopes the read by customer). */
const ownedPaymentMethod = (deps: Deps, customerId: string, id: string) =>
  findOrNotFound('payment_method', () => deps.stripe.customers.retrievePaymentMethod(customerId, id));

export async function createSetupIntent(
  deps: Deps,
  customerId: string,
  key: StripeKey,
): Promise<CreateSetupIntentOutput> {
  await requireUpdatesAllowed(deps, customerId);
  const intent = await deps.stripe.setupIntents.create(
    // off_session: the card will be charged for renewals while the customer is away.
    { customer: customerId, usage: 'off_session', automatic_payment_methods: { enabled: true } },
    { idempotencyKey: key('paymentMethods.createSetupIntent') },
  );
  if (!intent.client_secret) throw new Error('Stripe returned a SetupIntent without a client secret');
  return { clientSecret: intent.client_secret, publishableKey: deps.publishableKey };
}

export async function setDefaultPaymentMethod(
  deps: Deps,
  customerId: string,
  paymentMethodId: string,
  key: StripeKey,
): Promise<PaymentMethodListOutput> {
  await requireUpdatesAllowed(deps, customerId);
  const pm = await ownedPaymentMethod(deps, customerId, paymentMethodId);
  if (isExpired(pm, deps.now())) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'This card has expired: add a new one instead.',
      cause: { reason: ErrorReason.actionUnavailable, detail: 'card_expired' },
    });
  }
  await deps.stripe.customers.update(
    customerId,
    { invoice_settings: { default_payment_method: pm.id } },
    { idempotencyKey: key('paymentMethods.setDefault') },
  );
  return listPaymentMethods(deps, customerId, liveBillingState(deps, customerId));
}

/**
 * Detaching is permanent. The last usable card cannot go while a subscription charges
 * automatically (its next renewal would fail); when the default goes, the newest other usable card
 * becomes the default so renewals keep working.
 */
export async function removePaymentMethod(
  deps: Deps,
  customerId: string,
  paymentMethodId: string,
  key: StripeKey,
): Promise<PaymentMethodListOutput> {
  const customer = await requireUpdatesAllowed(deps, customerId);
  const [pm, methods, subscriptions] = await Promise.all([
    ownedPaymentMethod(deps, customerId, paymentMethodId),
    listAll(deps, customerId),
    deps.stripe.subscriptions
      .list({ customer: customerId, status: 'all', limit: 100 })
      .autoPagingToArray({ limit: 1000 }),
  ]);
  const now = deps.now();
  const otherUsable = methods.filter((m) => m.id !== pm.id && !isExpired(m, now));
  const charging = subscriptions.some((s) => CHARGING.has(s.status) && s.collection_method === 'charge_automatically');
  if (charging && !isExpired(pm, now) && otherUsable.length === 0) {
    throw new TRPCError({
      code: 'PRECONDITION_FAILED',
      message:
        'This is your only card and a subscription is charged to it automatically. Add another card first, then remove this one.',
      cause: { reason: ErrorReason.lastPaymentMethod },
    });
  }
  await deps.stripe.paymentMethods.detach(pm.id, {}, { idempotencyKey: key('paymentMethods.remove') });
  const next = otherUsable[0];
  if (defaultPaymentMethodId(customer) === pm.id && next) {
    await deps.stripe.customers.update(
      customerId,
      { invoice_settings: { default_payment_method: next.id } },
      { idempotencyKey: key('paymentMethods.remove:promote') },
    );
  }
  return listPaymentMethods(deps, customerId, liveBillingState(deps, customerId));
}
