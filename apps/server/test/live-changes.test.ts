import { DEMO } from '@portal/stripe-emulator';
import type { FastifyInstance } from 'fastify';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { deliverCustomerUpdated, demoSignIn, testApp } from './harness';

// Building an app (PGlite, migrations, demo users) is slow when every test file does it at once.
vi.setConfig({ testTimeout: 20_000, hookTimeout: 60_000 });

const SECRET = 'whsec_live_changes_secret';

let app: FastifyInstance;
let stripe: Stripe;
let base: string;
beforeAll(async () => {
  ({ app, stripe } = await testApp({ STRIPE_WEBHOOK_SECRET: SECRET }));
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => app.close());

const signIn = (email: string) => demoSignIn(app, email);

/** Reads the SSE stream until `until` matches the text received so far (or times out). */
async function readUntil(
  body: ReadableStream<Uint8Array>,
  until: (text: string) => boolean,
  ms = 5000,
): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const deadline = Date.now() + ms;
  try {
    while (!until(text) && Date.now() < deadline) {
      const chunk = await Promise.race([
        reader.read(),
        new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now())),
      ]);
      if (!chunk || chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
    }
  } finally {
    reader.releaseLock();
  }
  return text;
}

describe('billing.changes over Server-Sent Events', () => {
  it("pushes a webhook's change to the customer's open page", async () => {
    const cookie = await signIn('ada@example.com');
    const abort = new AbortController();
    const res = await fetch(`${base}/trpc/billing.changes`, {
      headers: { cookie, accept: 'text/event-stream' },
      signal: abort.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');

    // Let the subscription attach before the event arrives.
    await readUntil(res.body!, (t) => t.includes('connected'), 1000);
    const customer = await stripe.customers.update(DEMO.customers.active, { name: 'Ada King' });
    const delivered = await deliverCustomerUpdated(app, stripe, SECRET, customer, 'evt_sse');
    expect(delivered.statusCode).toBe(200);

    const text = await readUntil(res.body!, (t) => t.includes('customer.updated'));
    abort.abort();
    const data = text
      .split('\n')
      .filter((l) => l.startsWith('data: '))
      .map((l) => JSON.parse(l.slice(6)) as unknown)
      .find((d) => JSON.stringify(d).includes('customer.updated'));
    expect(data).toMatchObject({ type: 'customer.updated', resource: 'customer', id: DEMO.customers.active });
  });

  it('refuses an anonymous stream with UNAUTHORIZED and sends no changes', async () => {
    const abort = new AbortController();
    const res = await fetch(`${base}/trpc/billing.changes`, {
      headers: { accept: 'text/event-stream' },
      signal: abort.signal,
    });
    // An SSE stream reports its error inside the stream (the status line is already sent).
    const text =
      res.status === 200 ? await readUntil(res.body!, (t) => t.includes('UNAUTHORIZED'), 2000) : String(res.status);
    abort.abort();
    expect(text).toMatch(/UNAUTHORIZED|401/);
    expect(text).not.toContain('customer.updated');
  });
});
