import { DEMO } from '@portal/stripe-emulator';
import type { FastifyInstance } from 'fastify';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deliverCustomerUpdated, demoSignIn, freshPostgresSchema, testApp } from './harness';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 120_000 });

// Issue 19: three instances of one deployment (one Postgres, one Stripe account). A customer's
// screen is open on A; a webhook reaches B; a change is made on C. A's open stream hears both,
// and every instance's next read answers from the mirror without a Stripe request.
const SECRET = 'whsec_three_instances';
let schema: Awaited<ReturnType<typeof freshPostgresSchema>>;
let a: FastifyInstance;
let b: FastifyInstance;
let c: FastifyInstance;
let stripe: Stripe;
let requestLog: { method: string; path: string }[];
beforeAll(async () => {
  schema = await freshPostgresSchema('t_three_');
  const env = { DATABASE_URL: schema.url, SESSION_SECRET: 't'.repeat(40), STRIPE_WEBHOOK_SECRET: SECRET };
  const first = await testApp(env);
  ({ app: a, stripe } = first);
  requestLog = first.emulator.core.requestLog;
  ({ app: b } = await testApp(env, { emulator: first.emulator }));
  ({ app: c } = await testApp(env, { emulator: first.emulator }));
});
afterAll(async () => {
  for (const app of [a, b, c]) await app?.close();
  await schema?.drop();
});

const overview = async (app: FastifyInstance, cookie: string) => {
  const res = await app.inject({ method: 'GET', url: '/trpc/billing.overview', headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res.json().result.data as { customer: { name: string | null } };
};
const stripeRequestsDuring = async (work: () => Promise<unknown>) => {
  const before = requestLog.length;
  await work();
  // The events sweep lists events on each instance's start and then every few minutes, whatever
  // customers read: it is not a read of theirs.
  return requestLog
    .slice(before)
    .map((r) => `${r.method} ${r.path}`)
    .filter((r) => r !== 'GET /v1/events');
};

describe('three instances on one Postgres', () => {
  it('agree: a webhook on B and a change on C reach the screen open on A, and no read asks Stripe', async () => {
    const cookie = await demoSignIn(a, 'ada@example.com');
    await overview(a, cookie); // the first-ever visit: the mirror is made
    const base = await a.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${base}/trpc/billing.changes`, { headers: { cookie, accept: 'text/event-stream' } });
    const reader = res.body!.getReader();
    let heard = '';
    const until = async (pattern: RegExp) => {
      while (!pattern.test(heard)) heard += new TextDecoder().decode((await reader.read()).value);
    };
    await until(/connected/);

    // Changed in Stripe; the webhook reaches B.
    const renamed = await stripe.customers.update(DEMO.customers.active, { name: 'Ada, renamed in Stripe' });
    const hook = await deliverCustomerUpdated(b, stripe, SECRET, renamed, 'evt_three');
    expect(hook.statusCode).toBe(200);
    await until(/customer\.updated/); // A's open stream heard B's webhook
    expect((await overview(a, cookie)).customer.name).toBe('Ada, renamed in Stripe');
    for (const app of [a, b, c])
      expect(
        await stripeRequestsDuring(async () =>
          expect((await overview(app, cookie)).customer.name).toBe('Ada, renamed in Stripe'),
        ),
      ).toEqual([]);

    // A change made through the portal on C.
    const update = await c.inject({
      method: 'POST',
      url: '/trpc/billing.customer.update',
      headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost:80' },
      payload: JSON.stringify({ idempotencyKey: crypto.randomUUID(), name: 'Ada, renamed on C' }),
    });
    expect(update.statusCode).toBe(200);
    // The next read on any instance shows it (it waits for C's sync if that is still running)…
    expect((await overview(b, cookie)).customer.name).toBe('Ada, renamed on C');
    // …and after that, none asks Stripe.
    for (const app of [a, b, c])
      expect(
        await stripeRequestsDuring(async () =>
          expect((await overview(app, cookie)).customer.name).toBe('Ada, renamed on C'),
        ),
      ).toEqual([]);
    await reader.cancel();
  });
});
