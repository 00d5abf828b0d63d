import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { setup, stripeError, validatingHttpClient } from './helpers.js';
import { objectMismatches } from './support/sdk-validation.js';

interface Received {
  body: string;
  signature: string;
}

/** A real HTTP endpoint that records deliveries; the first `failFirst` answers are 500. */
async function receiver(failFirst = 0): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  let failures = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (failures < failFirst) {
        failures++;
        res.writeHead(500).end('nope');
        return;
      }
      received.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: String(req.headers['stripe-signature']),
      });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received, server };
}

async function until(check: () => boolean, ms = 3000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const control = async (
  emulator: ReturnType<typeof setup>['emulator'],
  method: string,
  path: string,
  body?: unknown,
) => {
  const res = await emulator.core.dispatch({
    method,
    url: `/_emulator${path}`,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${emulator.controlToken}` },
    body: body ? JSON.stringify(body) : '',
  });
  return { status: res.status, json: JSON.parse(String(res.body)) };
};

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

describe('webhooks', () => {
  it('delivers signed events that pass constructEvent', async () => {
    const { stripe } = setup({ seed: 'none' });
    const hook = await receiver();
    servers.push(hook.server);
    const endpoint = await stripe.webhookEndpoints.create({
      url: hook.url,
      enabled_events: ['customer.created', 'customer.updated'],
    });
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect((await stripe.webhookEndpoints.retrieve(endpoint.id)).secret).toBeUndefined();

    const customer = await stripe.customers.create({ email: 'hook@example.com' });
    await stripe.customers.update(customer.id, { name: 'Hooked' });
    await stripe.products.create({ name: 'not subscribed' });
    await until(() => hook.received.length >= 2);
    const events = hook.received.map((r) => stripe.webhooks.constructEvent(r.body, r.signature, endpoint.secret!));
    expect(events.map((e) => e.type).sort()).toEqual(['customer.created', 'customer.updated']);
    expect(events.flatMap((e) => objectMismatches(e, 'webhook'))).toEqual([]);
    const updated = events.find((e) => e.type === 'customer.updated') as Stripe.CustomerUpdatedEvent;
    expect(updated.data.object.name).toBe('Hooked');
    expect(updated.data.previous_attributes).toEqual({ name: null });
    expect(() =>
      stripe.webhooks.constructEvent(hook.received[0]!.body, hook.received[0]!.signature, 'whsec_wrong'),
    ).toThrow();

    const listed = await stripe.events.list({ type: 'customer.*' });
    expect(listed.data.map((e) => e.type)).toEqual(['customer.updated', 'customer.created']);
    const one = await stripe.events.retrieve(listed.data[0]!.id);
    expect(one.id).toBe(listed.data[0]!.id);
  });

  it('retries failed deliveries with backoff', async () => {
    const { stripe, emulator } = setup({ seed: 'none' });
    await control(emulator, 'POST', '/webhooks', { retryBaseMs: 5, maxAttempts: 5 });
    const hook = await receiver(2);
    servers.push(hook.server);
    const endpoint = await stripe.webhookEndpoints.create({ url: hook.url, enabled_events: ['*'] });
    await stripe.customers.create({});
    await until(() => hook.received.length === 1);
    // The dispatcher logs an attempt once the response is read, just after the receiver records it.
    let attempts: number[] = [];
    for (let i = 0; i < 100 && attempts.length < 3; i++) {
      const log = await control(emulator, 'GET', '/webhooks');
      attempts = log.json.deliveries
        .filter((d: { endpoint: string }) => d.endpoint === endpoint.id)
        .map((d: { status: number }) => d.status);
      if (attempts.length < 3) await new Promise((r) => setTimeout(r, 10));
    }
    expect(attempts.sort()).toEqual([200, 500, 500]);
  });

  it('emits subscription lifecycle events', async () => {
    const { stripe } = setup();
    await stripe.subscriptions.update(DEMO.subscriptions.active, { cancel_at_period_end: true });
    const events = await stripe.events.list({ type: 'customer.subscription.updated', limit: 1 });
    const sub = events.data[0]!.data.object as Stripe.Subscription;
    expect(sub.id).toBe(DEMO.subscriptions.active);
    expect(sub.cancel_at_period_end).toBe(true);
    expect(events.data[0]!.data.previous_attributes).toMatchObject({ cancel_at_period_end: false });
  });
});

describe('control routes', () => {
  it('injects faults that the SDK retries, and counts requests per endpoint', async () => {
    const { emulator } = setup({ seed: 'none' });
    const stripe = new Stripe('sk_test_faults', {
      httpClient: validatingHttpClient(emulator.httpClient),
      maxNetworkRetries: 2,
    });
    await control(emulator, 'POST', '/faults', { rate: 1, statuses: [500] });
    const t0 = Date.now();
    const err = await stripeError(() => stripe.customers.list());
    expect(err).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(Date.now() - t0).toBeGreaterThan(400);
    const counters = await control(emulator, 'GET', '/counters');
    expect(counters.json['GET /v1/customers']).toBe(3);

    await control(emulator, 'POST', '/faults', { rate: 1, statuses: [429] });
    const limited = await stripeError(() =>
      new Stripe('sk_test_x', {
        httpClient: validatingHttpClient(emulator.httpClient),
        maxNetworkRetries: 0,
      }).customers.list(),
    );
    expect(limited).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(limited.headers?.['stripe-should-retry']).toBe('true');

    await control(emulator, 'POST', '/faults', { rate: 0 });
    const ok = await stripe.customers.create({ email: 'after@example.com' });
    expect(ok.id).toMatch(/^cus_/);
    await stripe.customers.retrieve(ok.id);
    const counted = await control(emulator, 'GET', '/counters');
    expect(counted.json['GET /v1/customers/:id']).toBe(1);
    const log = await control(emulator, 'GET', '/requests?limit=2');
    expect(log.json.data.map((r: { method: string; path: string }) => `${r.method} ${r.path}`)).toEqual([
      `GET /v1/customers/${ok.id}`,
      'POST /v1/customers',
    ]);
  });

  it('adds latency, resets, seeds and moves time', async () => {
    const { stripe, emulator } = setup();
    await control(emulator, 'POST', '/latency', { fixedMs: 60, jitterMs: 0 });
    const t0 = Date.now();
    await stripe.customers.list({ limit: 1 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(55);
    await control(emulator, 'POST', '/latency', { fixedMs: 0 });

    await control(emulator, 'POST', '/seed', { kind: 'none' });
    expect((await stripe.customers.list()).data).toHaveLength(0);
    await control(emulator, 'POST', '/reset');
    expect((await stripe.customers.retrieve(DEMO.customers.active)).id).toBe(DEMO.customers.active);

    const before = await stripe.subscriptions.retrieve(DEMO.subscriptions.multiSeat);
    await control(emulator, 'POST', '/time', { advanceSeconds: 40 * 86400 });
    const after = await stripe.subscriptions.retrieve(DEMO.subscriptions.multiSeat);
    expect(after.items.data[0]!.current_period_start).toBeGreaterThan(before.items.data[0]!.current_period_start);
  });
});

describe('rate limits and includables', () => {
  it('answers 429 beyond the configured requests per second', async () => {
    const { emulator } = setup({ seed: 'none' });
    const stripe = new Stripe('sk_test_rl', {
      httpClient: validatingHttpClient(emulator.httpClient),
      maxNetworkRetries: 0,
    });
    await control(emulator, 'POST', '/rate-limit', { perSecond: 3 });
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => stripe.customers.list()));
    const limited = results
      .filter((r) => r.status === 'rejected')
      .map((r) => (r as PromiseRejectedResult).reason as Stripe.errors.StripeError);
    expect(limited.length).toBeGreaterThanOrEqual(3);
    expect(limited[0]).toBeInstanceOf(Stripe.errors.StripeRateLimitError);
    expect(limited[0]!.headers?.['stripe-rate-limited-reason']).toBe('global-rate');
    await control(emulator, 'POST', '/rate-limit', { perSecond: 0 });
    expect((await stripe.customers.list()).object).toBe('list');
  });

  it('expands includable customer lists', async () => {
    const { stripe } = setup();
    const c = (await stripe.customers.retrieve(DEMO.customers.cancelAtPeriodEnd, {
      expand: ['tax_ids', 'subscriptions'],
    })) as Stripe.Customer;
    expect(c.tax_ids?.data.map((t) => t.value)).toEqual(['DE123456789']);
    expect(c.subscriptions?.data.map((s) => s.id)).toEqual([DEMO.subscriptions.cancelAtPeriodEnd]);
  });
});
