import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal, type PortalServer } from './portal-server';
import { stripeBehind } from './stripe-sdk';

/**
 * `npm start` in embedded mode: the start banner is the last thing printed. The server is started as
 * `npm start` starts it (the compiled entry point, default LOG_LEVEL), and what it prints is checked
 * once its start-up work is done: the webhook endpoint is registered with the emulator and a page
 * and a data request have been answered. A check of the output, not of speed.
 */
let server: PortalServer;

beforeAll(async () => {
  server = await startPortal({ LOG_LEVEL: 'info' }, { compiled: true });
});
afterAll(() => server?.stop());

/** Polls, bounded, until the emulator lists this server's webhook endpoint (registered after listen). */
async function webhookEndpointRegistered(): Promise<boolean> {
  const stripe = stripeBehind(server);
  for (let attempt = 0; attempt < 60; attempt++) {
    const endpoints = await stripe.webhookEndpoints.list({ limit: 100 });
    if (endpoints.data.some((e) => e.url.startsWith(`${server.url.replace('localhost', '127.0.0.1')}/webhooks/stripe`)))
      return true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}

describe('a quiet start', () => {
  it('prints the banner and nothing before or after it', async () => {
    expect(await webhookEndpointRegistered()).toBe(true);
    expect((await fetch(`${server.url}/billing`, { headers: { accept: 'text/html' } })).ok).toBe(true);
    expect((await fetch(`${server.url}/trpc/session.me?batch=1&input=%7B%7D`)).ok).toBe(true);
    // Log lines are written as they happen; a moment lets any late one arrive before looking.
    await new Promise((resolve) => setTimeout(resolve, 1_000));

    const output = server.output();
    const start = output.indexOf('\n  Billing portal:');
    const end = output.indexOf('\n\n', start + 1);
    expect(start).toBeGreaterThanOrEqual(0);
    expect({ before: output.slice(0, start), after: output.slice(end + 2) }).toEqual({ before: '', after: '' });
  });
});
