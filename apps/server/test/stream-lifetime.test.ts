import { DEMO } from '@portal/stripe-emulator';
import type { FastifyInstance } from 'fastify';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deliverCustomerUpdated, demoSignIn, testApp } from './harness';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

// #15 item 10: an open billing.changes stream kept delivering a customer's changes for up to
// 5 minutes after the agent stopped viewing. Real HTTP Server-Sent Events throughout.
const SECRET = 'whsec_stream_lifetime_secret';
let app: FastifyInstance;
let stripe: Stripe;
let base: string;
beforeAll(async () => {
  ({ app, stripe } = await testApp({ STRIPE_WEBHOOK_SECRET: SECRET, SSE_STREAMS_PER_USER: '3' }));
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
const opened: (() => void)[] = [];
afterAll(async () => {
  for (const abort of opened) abort();
  await app.close();
});

const signIn = (email: string) => demoSignIn(app, email);
const call = (cookie: string, path: string, input?: unknown) =>
  app.inject({
    method: 'POST',
    url: `/trpc/${path}`,
    headers: { cookie, 'content-type': 'application/json', origin: 'http://localhost:80' },
    payload: JSON.stringify(input ?? {}),
  });

/** An SSE stream whose text accumulates as it arrives; `closed` resolves when the server ends it. */
async function openStream(cookie: string) {
  const abort = new AbortController();
  const res = await fetch(`${base}/trpc/billing.changes`, {
    headers: { cookie, accept: 'text/event-stream' },
    signal: abort.signal,
  });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const stream = { text: '', closedAt: null as number | null, abort: () => abort.abort() };
  opened.push(() => abort.abort());
  const closed = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        stream.text += decoder.decode(value, { stream: true });
      }
    } catch {
      // aborted by the test
    }
    stream.closedAt = Date.now();
  })();
  const until = async (pattern: RegExp, ms = 5000) => {
    const deadline = Date.now() + ms;
    while (!pattern.test(stream.text) && stream.closedAt === null && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    return pattern.test(stream.text);
  };
  const endsWithin = async (ms: number) => {
    await Promise.race([closed, new Promise((r) => setTimeout(r, ms))]);
    return (
      stream.closedAt !== null ||
      /event: error|serialized-error|"code":-32001|UNAUTHORIZED|FORBIDDEN/.test(
        stream.text.split('connected').slice(1).join(''),
      )
    );
  };
  return { stream, until, endsWithin, closed, abort: () => abort.abort() };
}

async function customerChanged(customerId: string) {
  const customer = await stripe.customers.update(customerId, { metadata: { touched: String(Date.now()) } });
  const res = await deliverCustomerUpdated(app, stripe, SECRET, customer, 'evt_life');
  expect(res.statusCode).toBe(200);
}

describe('billing.changes ends with the authority it was opened with', () => {
  it('stopping a view-as ends the agent’s open stream at once; later changes are not delivered', async () => {
    const agent = await signIn('support@example.com');
    expect(
      (await call(agent, 'support.startViewAs', { customerId: DEMO.customers.active, reason: 'ticket 1' })).statusCode,
    ).toBe(200);
    const s = await openStream(agent);
    expect(await s.until(/connected/)).toBe(true);
    await customerChanged(DEMO.customers.active);
    expect(await s.until(/customer\.updated/)).toBe(true);

    const stoppedAt = Date.now();
    expect((await call(agent, 'support.stopViewAs')).statusCode).toBe(200);
    expect(await s.endsWithin(1500)).toBe(true);
    console.info(`[streams] view-as stop → stream ended after ${(s.stream.closedAt ?? Date.now()) - stoppedAt} ms`);
    const delivered = s.stream.text.split('customer.updated').length;
    await customerChanged(DEMO.customers.active);
    await new Promise((r) => setTimeout(r, 300));
    expect(s.stream.text.split('customer.updated').length).toBe(delivered);
    s.abort();
  });

  it('an expiring view-as ends the stream when it expires', async () => {
    const agent = await signIn('support@example.com');
    const started = await call(agent, 'support.startViewAs', {
      customerId: DEMO.customers.trialing,
      reason: 'ticket 2',
    });
    const id = started.json().result.data.impersonationId as string;
    const s = await openStream(agent);
    expect(await s.until(/connected/)).toBe(true);
    const expiresAt = Date.now() + 1000;
    await app.db
      .updateTable('impersonations')
      .set({ expires_at: new Date(expiresAt) })
      .where('id', '=', id)
      .execute();
    expect(await s.endsWithin(3500)).toBe(true);
    console.info(
      `[streams] view-as expiry → stream ended ${(s.stream.closedAt ?? Date.now()) - expiresAt} ms after expires_at`,
    );
    s.abort();
  });

  it('signing out ends the customer’s open stream at once', async () => {
    const cookie = await signIn('grace@example.com');
    const s = await openStream(cookie);
    expect(await s.until(/connected/)).toBe(true);
    const at = Date.now();
    await app.inject({ method: 'POST', url: '/auth/logout', headers: { cookie, origin: 'http://localhost:80' } });
    expect(await s.endsWithin(1000)).toBe(true);
    console.info(`[streams] sign-out → stream ended after ${(s.stream.closedAt ?? Date.now()) - at} ms`);
    s.abort();
  });

  it('caps open streams per user with a clear, typed error', async () => {
    const cookie = await signIn('margaret@example.com');
    const open = [await openStream(cookie), await openStream(cookie), await openStream(cookie)];
    for (const s of open) expect(await s.until(/connected/)).toBe(true);
    const extra = await openStream(cookie);
    expect(await extra.until(/TOO_MANY_STREAMS/, 3000)).toBe(true);
    expect(extra.stream.text).toContain('TOO_MANY_REQUESTS');
    extra.abort();
    open[0]!.abort();
    await open[0]!.closed;
    await new Promise((r) => setTimeout(r, 200));
    const again = await openStream(cookie);
    expect(await again.until(/connected/)).toBe(true);
    for (const s of [...open, again]) s.abort();
  });
});
