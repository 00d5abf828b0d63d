import { randomUUID } from 'node:crypto';
import { customerLinksRepo } from '@portal/db';
import { DEMO } from '@portal/stripe-emulator';
import { TRPCError } from '@trpc/server';
import type Stripe from 'stripe';
import { expect } from 'vitest';
import type { Deps, Identity } from '../src/context';
import { createCaller } from '../src/root';
import { resolveViewer } from '../src/viewer/viewer';
import type { apiHarness } from './harness';

export type Harness = Awaited<ReturnType<typeof apiHarness>>;

export const key = () => ({ idempotencyKey: randomUUID() });

/** The TRPCError a call failed with (fails the test when the call succeeded). */
export async function errorOf(
  promise: Promise<unknown>,
): Promise<TRPCError & { cause: { reason?: string; declineCode?: string } | undefined }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'the call should have failed').toBeInstanceOf(TRPCError);
  return error as TRPCError & { cause: { reason?: string; declineCode?: string } | undefined };
}

export async function codeOf(promise: Promise<unknown>): Promise<string> {
  return (await errorOf(promise)).code;
}

/** The reason a client sees in `error.data.reason` (the formatter reads `cause.reason`). */
export const reasonOf = (error: TRPCError) => (error.cause as { reason?: string } | undefined)?.reason;

let seq = 0;

/** Fresh users and customers per test, so tests never see each other's cards or invoices. */
export function fixtures(h: Harness) {
  async function addUser(identity: Identity) {
    await h.deps.db
      .insertInto('users')
      .values({
        id: identity.userId,
        email: identity.email,
        name: identity.name,
        role: identity.role,
        password_hash: null,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }

  async function callerAs(identity: Identity | null, overrides: Partial<Deps> = {}) {
    const deps = { ...h.deps, ...overrides };
    return createCaller({ ...deps, viewer: await resolveViewer(deps, identity) });
  }

  /** A customer in Stripe with the given test cards attached (the first one is the default). */
  async function newCustomer(opts: { cards?: string[]; subscribe?: boolean; metadata?: Record<string, string> } = {}) {
    const n = ++seq;
    const customer = await h.stripe.customers.create({
      name: `Customer ${n}`,
      email: `customer${n}@example.com`,
      metadata: opts.metadata ?? {},
    });
    const cards: Stripe.PaymentMethod[] = [];
    for (const token of opts.cards ?? [])
      cards.push(await h.stripe.paymentMethods.attach(token, { customer: customer.id }));
    if (cards[0])
      await h.stripe.customers.update(customer.id, { invoice_settings: { default_payment_method: cards[0].id } });
    if (opts.subscribe)
      await h.stripe.subscriptions.create({ customer: customer.id, items: [{ price: DEMO.prices.proMonthly }] });
    const identity: Identity = {
      userId: `user-${n}`,
      email: `customer${n}@example.com`,
      name: `Customer ${n}`,
      role: 'customer',
    };
    await addUser(identity);
    await customerLinksRepo(h.deps.db).link(identity.userId, customer.id);
    return { customer, cards, identity, caller: (overrides: Partial<Deps> = {}) => callerAs(identity, overrides) };
  }

  /** A support agent; `viewAs` starts a read-only view of a customer and returns the agent's caller. */
  async function supportAgent() {
    const n = ++seq;
    const identity: Identity = {
      userId: `agent-${n}`,
      email: `agent${n}@example.com`,
      name: `Agent ${n}`,
      role: 'support',
    };
    await addUser(identity);
    return {
      identity,
      caller: () => callerAs(identity),
      async viewAs(customerId: string) {
        const session = await (await callerAs(identity)).support.startViewAs({ customerId, reason: 'ticket 42' });
        return { session, caller: await callerAs(identity) };
      },
    };
  }

  return { newCustomer, supportAgent, callerAs };
}
