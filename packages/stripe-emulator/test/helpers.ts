import Stripe from 'stripe';
import { createEmulator, type Emulator, type EmulatorOptions } from '../src/index.js';
import { validatingHttpClient } from './support/validating-http-client.js';

export { validatingHttpClient };

/**
 * A fresh emulator and an official SDK client wired to it through `httpClient` (no port). Every
 * JSON response is validated against the SDK's types (see `support/validating-http-client.ts`).
 * Rate limits are on, as on Stripe: the client retries a 429 (`Stripe-Should-Retry: true`) with
 * the SDK's backoff, as a production client does.
 */
export function setup(opts: EmulatorOptions = {}): { emulator: Emulator; stripe: Stripe } {
  const emulator = createEmulator(opts);
  const stripe = new Stripe('sk_test_emulator', {
    httpClient: validatingHttpClient(emulator.httpClient),
    maxNetworkRetries: 2,
  });
  return { emulator, stripe };
}

/** Runs `fn` and returns the Stripe error it throws (fails the test if it does not throw). */
export async function stripeError(fn: () => Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof Stripe.errors.StripeError) return e;
    throw e;
  }
  throw new Error('expected a Stripe error');
}

/** A controllable clock for deterministic timestamps. */
export function fakeClock(startIso = '2026-01-15T12:00:00Z'): {
  now: () => number;
  advance(seconds: number): void;
  set(ms: number): void;
} {
  let t = Date.parse(startIso);
  return {
    now: () => t,
    advance(seconds) {
      t += seconds * 1000;
    },
    set(ms) {
      t = ms;
    },
  };
}

/** A customer with a test card attached and set as the invoice default, the way an app would. */
export async function customerWithCard(
  stripe: Stripe,
  token = 'pm_card_visa',
  params: Stripe.CustomerCreateParams = {},
): Promise<{ customer: Stripe.Customer; pm: Stripe.PaymentMethod }> {
  const customer = await stripe.customers.create(params);
  const pm = await stripe.paymentMethods.attach(token, { customer: customer.id });
  const updated = await stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: pm.id } });
  return { customer: updated, pm };
}

/**
 * Advances a test clock the way code must on Stripe: `advance` only starts the work, so poll
 * until the clock is `ready` again (Stripe suggests polling or the `test_clock.ready` event).
 */
export async function advanceClock(
  stripe: Stripe,
  clockId: string,
  frozenTime: number,
): Promise<Stripe.TestHelpers.TestClock> {
  let clock = await stripe.testHelpers.testClocks.advance(clockId, { frozen_time: frozenTime });
  for (let i = 0; clock.status === 'advancing' && i < 200; i++) {
    await new Promise((r) => setTimeout(r, 25));
    clock = await stripe.testHelpers.testClocks.retrieve(clockId);
  }
  if (clock.status !== 'ready') throw new Error(`test clock ${clockId} did not become ready (status ${clock.status})`);
  return clock;
}
