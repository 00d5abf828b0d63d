import { DEMO, createEmulator } from '@portal/stripe-emulator';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { parseEnv } from '../src/env';
import { mintHostToken } from '../src/demo-token';

/** `npm start` as a fresh clone runs it: embedded mode, no AUTH_TOKEN_SECRET configured (#16.15). */
async function embeddedApp(extraEnv: Record<string, string> = {}): Promise<FastifyInstance> {
  const emulator = createEmulator({ seed: 'demo' });
  const stripe = new Stripe('sk_test_demo_token', { httpClient: emulator.httpClient });
  return buildApp({
    env: parseEnv({ LOG_LEVEL: 'silent', WEB_DIST_DIR: '/nonexistent', ...extraEnv }),
    ephemeralDb: true,
    stripe: { stripe, publishableKey: 'pk_test_demo_token', stripeJsUrl: null, emulator: null, close: async () => {} },
  });
}

const repo = path.resolve(import.meta.dirname, '../../..');
const openHostedPortal = (app: FastifyInstance, token: string) =>
  app.inject({
    method: 'POST',
    url: '/api/billing/portal',
    headers: { authorization: `Bearer ${token}` },
    payload: { returnUrl: 'http://127.0.0.1:3000/billing' },
  });

describe('host-app tokens in embedded mode without configuration', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await embeddedApp({ RETURN_URL_ALLOWLIST: 'http://127.0.0.1:3000' });
  }, 30_000);
  afterAll(() => app?.close());

  it('`pnpm run token <email>` prints a token the REST route accepts for that demo customer', async () => {
    const token = execFileSync('pnpm', ['-s', 'run', 'token', 'ada@example.com'], {
      cwd: repo,
      encoding: 'utf8',
    }).trim();
    expect(token.split('.')).toHaveLength(3);
    const res = await openHostedPortal(app, token);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().data.url).toMatch(/^https?:\/\//);
    // The token's customer is Ada's: her overview is what the client package would show.
    const overview = await app.inject({
      method: 'GET',
      url: '/trpc/billing.overview',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(overview.statusCode).toBe(200);
    expect(overview.body).toContain(DEMO.customers.active);
  });

  it('refuses a token signed with any other secret', async () => {
    const res = await openHostedPortal(
      app,
      await mintHostToken({ email: 'ada@example.com', secret: 'some-other-secret-0123456789abcdef0123' }),
    );
    expect(res.statusCode).toBe(401);
  });

  it('with AUTH_TOKEN_SECRET configured, accepts only that secret, not the demo one', async () => {
    const secret = 'configured-host-secret-0123456789abcdef';
    const configured = await embeddedApp({ AUTH_TOKEN_SECRET: secret, RETURN_URL_ALLOWLIST: 'http://127.0.0.1:3000' });
    try {
      expect((await openHostedPortal(configured, await mintHostToken({ email: 'ada@example.com' }))).statusCode).toBe(
        401,
      );
      expect(
        (await openHostedPortal(configured, await mintHostToken({ email: 'ada@example.com', secret }))).statusCode,
      ).toBe(200);
    } finally {
      await configured.close();
    }
  });
});
