import { DEMO, type Emulator } from '@portal/stripe-emulator';
import type { FastifyInstance } from 'fastify';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../harness';
import { inputFor, listProcedures, usesIds, type IdTable, type ProcedureInfo } from './inputs';
import { callTrpc, hostToken } from './wire';

/**
 * Every procedure × every kind of caller that must be refused, generated from the router: a new
 * procedure lands in this matrix without anyone listing it. Inputs are built from each procedure's
 * zod schema and point at customer B's objects; the caller is customer A (or worse).
 */
type Principal =
  | 'anonymous'
  | 'expired token'
  | 'bad signature'
  | 'customer A with B ids'
  | 'support view-as'
  | 'support without view-as';
type Expected = 'UNAUTHORIZED' | 'NOT_FOUND' | 'FORBIDDEN' | 'allowed' | 'skip';

const A = DEMO.customers.active;
const B = DEMO.customers.multiItem;
const SESSION_OPS = ['support.startViewAs', 'support.stopViewAs'];

function expected(principal: Principal, proc: ProcedureInfo, input: unknown, ids: IdTable): Expected {
  const isSupport = proc.path.startsWith('support.');
  const isPublic = proc.path.startsWith('session.');
  if (principal === 'anonymous' || principal === 'expired token' || principal === 'bad signature')
    return isPublic ? 'allowed' : 'UNAUTHORIZED';
  if (isPublic) return 'allowed';
  if (proc.type === 'subscription') return 'skip'; // no input: always the viewer's own stream (checked in the changes tests)
  if (principal === 'customer A with B ids') {
    if (isSupport) return 'FORBIDDEN';
    // Without an id to point elsewhere, the call acts on A's own billing: nothing to refuse.
    return usesIds(input, ids) ? 'NOT_FOUND' : proc.type === 'query' ? 'allowed' : 'skip';
  }
  if (principal === 'support view-as') {
    if (isSupport) return SESSION_OPS.includes(proc.path) ? 'skip' : 'allowed';
    if (proc.type === 'mutation') return 'FORBIDDEN';
    return usesIds(input, ids) ? 'NOT_FOUND' : 'allowed';
  }
  // Support without a view-as has no customer: every billing procedure finds nothing.
  if (isSupport) return SESSION_OPS.includes(proc.path) ? 'skip' : 'allowed';
  return 'NOT_FOUND';
}

let app: FastifyInstance;
let emulator: Emulator;
let stripe: Stripe;
let ids: IdTable;
const headers = {} as Record<Principal, Record<string, string>>;
const procedures = listProcedures();
const tally = { cells: 0, refused: 0, allowed: 0, skipped: 0, stripeWritesDuringRefusals: 0 };

beforeAll(async () => {
  ({ app, emulator, stripe } = await testApp({ RETURN_URL_ALLOWLIST: 'https://app.example.com' }));
  const sub = await stripe.subscriptions.retrieve(DEMO.subscriptions.multiItem);
  const item = sub.items.data[0]!;
  const invoice = (await stripe.invoices.list({ customer: B, limit: 1 })).data[0]!;
  const taxId = await stripe.customers.createTaxId(B, { type: 'eu_vat', value: 'DE123456789' });
  ids = {
    subscriptionId: sub.id,
    itemId: item.id,
    priceId: item.price.id,
    paymentMethodId: DEMO.paymentMethods.multiItemVisa,
    invoiceId: invoice.id,
    taxIdId: taxId.id,
    customerId: B,
  };

  headers['anonymous'] = {};
  headers['expired token'] = { authorization: await hostToken('matrix-a', { customerId: A, expiresIn: -60 }) };
  headers['bad signature'] = {
    authorization: await hostToken('matrix-a', { customerId: A, secret: 'not-the-host-apps-secret-0123456789abcdef' }),
  };
  headers['customer A with B ids'] = { authorization: await hostToken('matrix-a', { customerId: A }) };
  headers['support view-as'] = { authorization: await hostToken('matrix-agent-viewing', { role: 'support' }) };
  headers['support without view-as'] = { authorization: await hostToken('matrix-agent-plain', { role: 'support' }) };
  const started = await callTrpc(
    app,
    'mutation',
    'support.startViewAs',
    { customerId: A, reason: 'access matrix' },
    headers['support view-as'],
  );
  expect(started.status).toBe(200);
  emulator.core.requestLog.length = 0;
});

afterAll(async () => {
  console.log(
    `[access-matrix] ${procedures.length} procedures × 6 callers = ${tally.cells} cells: ${tally.refused} refused as expected, ${tally.allowed} allowed reads checked for leaks, ${tally.skipped} not applicable; Stripe writes during refusals: ${tally.stripeWritesDuringRefusals}`,
  );
  await app.close();
});

const writes = () => emulator.core.requestLog.filter((r) => r.method !== 'GET').length;
const STATUS = { UNAUTHORIZED: 401, NOT_FOUND: 404, FORBIDDEN: 403 } as const;
const principals = Object.keys({
  anonymous: 0,
  'expired token': 0,
  'bad signature': 0,
  'customer A with B ids': 0,
  'support view-as': 0,
  'support without view-as': 0,
}) as Principal[];

describe('access-control matrix', () => {
  it('walks a non-trivial router, and builds valid inputs for every procedure', () => {
    expect(procedures.length).toBeGreaterThan(25);
    for (const proc of procedures) {
      const input = inputFor(proc, ids);
      for (const schema of proc.inputs)
        expect(schema.safeParse(input).success, `${proc.path}: generated input must pass its own schema`).toBe(true);
    }
    // Every procedure that takes an object id is exercised with B's id (else the NOT_FOUND column is hollow).
    const withIds = procedures.filter((p) => usesIds(inputFor(p, ids), ids)).map((p) => p.path);
    expect(withIds).toEqual(
      expect.arrayContaining([
        'billing.subscription.cancel',
        'billing.paymentMethods.remove',
        'billing.invoices.pay',
        'billing.taxIds.remove',
        'billing.portal.hostedSession',
      ]),
    );
  });

  describe.each(principals)('%s', (principal) => {
    it.each(procedures.map((p) => [p.path, p] as const))('%s', async (_path, proc) => {
      const input = inputFor(proc, ids);
      const want = expected(principal, proc, input, ids);
      tally.cells++;
      if (want === 'skip') {
        tally.skipped++;
        return;
      }
      const before = writes();
      const res = await callTrpc(
        app,
        proc.type === 'mutation' ? 'mutation' : 'query',
        proc.path,
        input,
        headers[principal],
      );
      if (want === 'allowed') {
        tally.allowed++;
        expect(res.status, res.body).toBe(200);
        if (proc.path === 'session.me' && !principal.includes('support') && principal !== 'customer A with B ids')
          expect(res.data).toBeNull();
        // A read on A's behalf never shows B's objects.
        if (!proc.path.startsWith('support.')) expect(res.body).not.toContain(B);
        return;
      }
      expect({ code: res.code, status: res.status }, res.body).toEqual({ code: want, status: STATUS[want] });
      expect(res.message).toMatch(/\w/);
      const written = writes() - before;
      tally.stripeWritesDuringRefusals += written;
      expect(written, 'a refused call must not write to Stripe').toBe(0);
      tally.refused++;
    });
  });

  it('recorded no Stripe POST or DELETE at all while refusing', () => {
    expect(tally.refused).toBeGreaterThan(100);
    expect(tally.stripeWritesDuringRefusals).toBe(0);
  });
});
