import { DEMO } from '@portal/stripe-emulator';
import type { FastifyInstance } from 'fastify';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testApp } from './harness';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

// #15 item 13: future-dated signatures were accepted, and some malformed but correctly signed
// events answered 500, which Stripe retries for three days.
const SECRET = 'whsec_malformed_events_secret';

let app: FastifyInstance;
let stripe: Stripe;
beforeAll(async () => {
  ({ app, stripe } = await testApp({ STRIPE_WEBHOOK_SECRET: SECRET }));
});
afterAll(() => app.close());

const deliver = (payload: string, timestamp?: number) =>
  app.inject({
    method: 'POST',
    url: '/webhooks/stripe',
    payload,
    headers: {
      'content-type': 'application/json',
      'stripe-signature': stripe.webhooks.generateTestHeaderString({
        payload,
        secret: SECRET,
        ...(timestamp ? { timestamp } : {}),
      }),
    },
  });

const malformedRows = () =>
  app.db.selectFrom('audit_log').selectAll().where('action', '=', 'webhook:malformed').execute();
const now = () => Math.floor(Date.now() / 1000);
let n = 0;
const event = (over: Record<string, unknown> = {}) => ({
  id: `evt_fuzz_${++n}_${Date.now()}`,
  object: 'event',
  type: 'customer.updated',
  created: now(),
  data: { object: { id: DEMO.customers.active, object: 'customer' } },
  ...over,
});
const without = (key: string) => {
  const e: Record<string, unknown> = event();
  delete e[key];
  return e;
};

describe('signed webhook timestamps', () => {
  it('refuses a correctly signed event dated 10 minutes in the future, and applies nothing', async () => {
    const body = event();
    const res = await deliver(JSON.stringify(body), now() + 600);
    expect(res.statusCode).toBe(400);
    expect(await app.db.selectFrom('webhook_events').selectAll().where('event_id', '=', body.id).execute()).toEqual([]);
  });

  it('accepts a signature a little ahead of our clock (skew within 5 minutes)', async () => {
    const res = await deliver(JSON.stringify(event()), now() + 60);
    expect(res.statusCode).toBe(200);
  });
});

describe('malformed but correctly signed events', () => {
  const cases: [string, string][] = [
    ['not JSON', 'this is not json {'],
    ['JSON null', 'null'],
    ['a JSON array', '[1,2,3]'],
    ['a JSON string', '"evt_1"'],
    ['no id', JSON.stringify(without('id'))],
    ['no type', JSON.stringify(without('type'))],
    ['no data', JSON.stringify(without('data'))],
    ['data without object', JSON.stringify(event({ data: {} }))],
    ['data.object null', JSON.stringify(event({ data: { object: null } }))],
    ['data.object a string', JSON.stringify(event({ data: { object: 'cus_1' } }))],
    ['id a number', JSON.stringify(event({ id: 42 }))],
    ['type a number', JSON.stringify(event({ type: 7 }))],
    ['type an object', JSON.stringify(event({ type: { a: 1 } }))],
    ['created a string', JSON.stringify(event({ created: 'yesterday' }))],
    ['a huge id', JSON.stringify(event({ id: `evt_${'x'.repeat(200_000)}` }))],
    ['a huge type', JSON.stringify(event({ type: `customer.${'y'.repeat(200_000)}` }))],
    [
      'subscription event whose object has no id',
      JSON.stringify(
        event({
          type: 'customer.subscription.updated',
          data: { object: { object: 'subscription', customer: DEMO.customers.active } },
        }),
      ),
    ],
    [
      'subscription event whose customer is a number',
      JSON.stringify(
        event({
          type: 'customer.subscription.updated',
          data: { object: { id: 'sub_x', object: 'subscription', customer: 12 } },
        }),
      ),
    ],
    [
      'payment method event whose object id is an array',
      JSON.stringify(
        event({ type: 'payment_method.attached', data: { object: { id: ['pm_1'], object: 'payment_method' } } }),
      ),
    ],
    ['invoice event whose object is an array', JSON.stringify(event({ type: 'invoice.paid', data: { object: [] } }))],
    [
      'deeply nested',
      JSON.stringify(event({ data: { object: JSON.parse(`${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`) } })),
    ],
  ];

  it.each(cases)('%s: a 4xx (never 5xx) and an audit row, nothing applied', async (_name, payload) => {
    const before = (await malformedRows()).length;
    const res = await deliver(payload);
    expect(res.statusCode, res.body.slice(0, 200)).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, res.body.slice(0, 200)).toBeLessThan(500);
    const rows = await malformedRows();
    expect(rows.length).toBe(before + 1);
    const row = rows.at(-1)!;
    expect(row.actor_role).toBe('system');
    expect(row.outcome).toBe('refused');
    expect(JSON.stringify(row.input_summary).length).toBeLessThan(512);
  });

  it('an unsigned malformed body writes no audit row (nobody can fill the trail)', async () => {
    const before = (await malformedRows()).length;
    const res = await app.inject({
      method: 'POST',
      url: '/webhooks/stripe',
      payload: 'junk',
      headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' },
    });
    expect(res.statusCode).toBe(400);
    expect((await malformedRows()).length).toBe(before);
  });
});
