import { randomUUID } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { appRouter } from '../src/root';
import { useApiSuite } from './suite';

/**
 * Walks the whole router, so a procedure added tomorrow is checked without anyone listing it:
 * every mutation must refuse a read-only viewer (support "view as") with FORBIDDEN, before it
 * touches Stripe. The only exceptions change the agent's own view-as session, never billing.
 */
const SUPPORT_SESSION_MUTATIONS = ['support.startViewAs', 'support.stopViewAs'];

// At run time `_def.procedures` is flat, keyed by dotted path (its static type is the nested record).
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>);
const mutations = procedures.filter(([, p]) => p._def.type === 'mutation').map(([path]) => path);

const { h, f } = useApiSuite();

function procedureAt(caller: unknown, path: string): (input: unknown) => Promise<unknown> {
  const fn = path.split('.').reduce<any>((node, key) => node?.[key], caller);
  if (typeof fn !== 'function') throw new Error(`no procedure at ${path}`);
  return fn;
}

const stripeWrites = () => h.emulator.core.requestLog.filter((r) => r.method !== 'GET').length;

describe('read-only viewers cannot change anything', () => {
  it('finds the mutations of every router (the walk is not vacuous)', () => {
    expect(mutations).toEqual(
      expect.arrayContaining([
        'billing.paymentMethods.remove',
        'billing.invoices.pay',
        'billing.customer.update',
        'billing.taxIds.add',
      ]),
    );
    for (const path of SUPPORT_SESSION_MUTATIONS) expect(mutations).toContain(path);
  });

  it.each(mutations.filter((p) => !SUPPORT_SESSION_MUTATIONS.includes(p)))(
    '%s refuses a support view-as with FORBIDDEN and writes nothing to Stripe',
    async (path) => {
      const { customer } = await f.newCustomer({ cards: ['pm_card_visa'], subscribe: true });
      const { caller } = await (await f.supportAgent()).viewAs(customer.id);
      const before = stripeWrites();
      const error = await procedureAt(
        caller,
        path,
      )({ idempotencyKey: randomUUID() }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, `${path} must be built on mutationProcedure`).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code, `${path} must refuse a read-only viewer`).toBe('FORBIDDEN');
      expect(stripeWrites()).toBe(before);
    },
  );

  it('lets support staff, and only them, start and stop their own view-as', async () => {
    const { customer, caller } = await f.newCustomer();
    for (const path of SUPPORT_SESSION_MUTATIONS) {
      const error = await procedureAt(await caller(), path)({ customerId: customer.id }).catch((e: unknown) => e);
      expect((error as TRPCError).code).toBe('FORBIDDEN');
    }
  });
});
