import { DEMO } from '@portal/stripe-emulator';
import type { FastifyInstance } from 'fastify';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testApp } from './harness';

// Building an app (PGlite, migrations, demo users) is slow when every test file does it at once.
vi.setConfig({ testTimeout: 20_000, hookTimeout: 60_000 });

const SECRET = 'whsec_test_portal_secret';

let app: FastifyInstance;
let stripe: Stripe;
beforeAll(async () => {
  ({ app, stripe } = await testApp({ STRIPE_WEBHOOK_SECRET: SECRET }));
});
afterAll(() => app.close());

let n = 0;
async function customerUpdatedEvent() {
  const customer = await stripe.customers.retrieve(DEMO.customers.active);
  return JSON.stringify({
    id: `evt_server_${++n}_${Date.now()}`,
    object: 'event',
    type: 'customer.updated',
    created: Math.floor(Date.now() / 1000),
    data: { object: customer },
  });
}

function deliver(payload: string, signature: string | null) {
  return app.inject({
    method: 'POST',
    url: '/webhooks/stripe',
    payload,
    headers: { 'content-type': 'application/json', ...(signature === null ? {} : { 'stripe-signature': signature }) },
  });
}

const sign = (payload: string, opts: { secret?: string; timestamp?: number } = {}) =>
  stripe.webhooks.generateTestHeaderString({
    payload,
    secret: opts.secret ?? SECRET,
    ...(opts.timestamp ? { timestamp: opts.timestamp } : {}),
  });

const webhookAuditRows = (eventId: string) =>
  app.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', 'like', 'webhook:%')
    .execute()
    .then((rows) => rows.filter((r) => (r.input_summary as { eventId?: string }).eventId === eventId));
const ledgered = (eventId: string) =>
  app.db.selectFrom('webhook_events').select('event_id').where('event_id', '=', eventId).execute();

describe('POST /webhooks/stripe', () => {
  it('applies a correctly signed event and records it in the audit trail as the system', async () => {
    const payload = await customerUpdatedEvent();
    const res = await deliver(payload, sign(payload));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ received: true, outcome: 'applied' });
    const id = JSON.parse(payload).id as string;
    const rows = await webhookAuditRows(id);
    expect(rows.map((r) => [r.action, r.actor_role, r.customer_id, r.outcome])).toEqual([
      ['webhook:customer.updated', 'system', DEMO.customers.active, 'ok'],
    ]);
  });

  it.each([
    ['a signature made with another secret', (p: string) => sign(p, { secret: 'whsec_someone_else' })],
    [
      'a stale timestamp (a captured request replayed later)',
      (p: string) => sign(p, { timestamp: Math.floor(Date.now() / 1000) - 600 }),
    ],
    ['a tampered body', (p: string) => sign(p.replace('Ada', 'Eve'))],
    ['no signature', () => null],
  ])('refuses %s with 400 and applies nothing', async (_name, signatureFor) => {
    const payload = await customerUpdatedEvent();
    const res = await deliver(payload, signatureFor(payload));
    expect(res.statusCode).toBe(400);
    const id = JSON.parse(payload).id as string;
    expect(await ledgered(id)).toEqual([]);
    expect(await webhookAuditRows(id)).toEqual([]);
  });

  it('applies a redelivered event once', async () => {
    const payload = await customerUpdatedEvent();
    const first = await deliver(payload, sign(payload));
    const again = await deliver(payload, sign(payload));
    expect([first.statusCode, again.statusCode]).toEqual([200, 200]);
    expect(again.json().outcome).toBe('duplicate');
    expect(await webhookAuditRows(JSON.parse(payload).id)).toHaveLength(1);
  });

  it('applies concurrent duplicate deliveries once', async () => {
    const payload = await customerUpdatedEvent();
    const results = await Promise.all([1, 2, 3, 4].map(() => deliver(payload, sign(payload))));
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200, 200]);
    expect(results.map((r) => r.json().outcome).sort()).toEqual(['applied', 'duplicate', 'duplicate', 'duplicate']);
    expect(await webhookAuditRows(JSON.parse(payload).id)).toHaveLength(1);
    expect(await ledgered(JSON.parse(payload).id)).toHaveLength(1);
  });

  it('leaves the JSON parser of the rest of the app alone', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/auth/demo/login',
      payload: { email: 'ada@example.com', password: 'demo' },
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('POST /webhooks/stripe without a secret', () => {
  it('refuses every event with 503 rather than accepting unverified ones', async () => {
    const { app: unconfigured } = await testApp();
    const payload = await customerUpdatedEvent();
    const res = await unconfigured.inject({
      method: 'POST',
      url: '/webhooks/stripe',
      payload,
      headers: { 'content-type': 'application/json', 'stripe-signature': sign(payload) },
    });
    expect(res.statusCode).toBe(503);
    await unconfigured.close();
  });
});
