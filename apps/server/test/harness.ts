import { createEmulator, type Emulator } from '@portal/stripe-emulator';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import Stripe from 'stripe';
import { buildApp } from '../src/app';
import { parseEnv } from '../src/env';

export const TOKEN_SECRET = 'host-app-token-secret-for-tests-0123456789';

/**
 * The server in embedded mode with the emulator plugged into the SDK (no port) and an in-memory db.
 * Several instances of one deployment pass the same `emulator` (one Stripe account) and DATABASE_URL.
 */
export async function testApp(
  extraEnv: Record<string, string> = {},
  { emulator = createEmulator({ seed: 'demo' }) }: { emulator?: Emulator } = {},
): Promise<{ app: FastifyInstance; emulator: Emulator; stripe: Stripe }> {
  const stripe = new Stripe('sk_test_harness', { httpClient: emulator.httpClient });
  const env = parseEnv({
    LOG_LEVEL: 'silent',
    AUTH_TOKEN_SECRET: TOKEN_SECRET,
    WEB_DIST_DIR: '/nonexistent',
    ...extraEnv,
  });
  const app = await buildApp({
    env,
    ephemeralDb: true,
    stripe: { stripe, publishableKey: 'pk_test_harness', stripeJsUrl: null, emulator: null, close: async () => {} },
  });
  return { app, emulator, stripe };
}

export function cookieFrom(setCookie: string | string[] | undefined): string {
  const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
  return (first ?? '').split(';')[0] ?? '';
}

/** Signs in through the demo login (password `demo`) and returns the session cookie. */
export async function demoSignIn(app: FastifyInstance, email: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/auth/demo/login', payload: { email, password: 'demo' } });
  return cookieFrom(res.headers['set-cookie']);
}

const postgresAdminUrl = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * An empty schema on the local Postgres, for apps that must share one database (several
 * instances). `url` makes every connection use it; `drop` removes it with all it holds.
 */
export async function freshPostgresSchema(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `${prefix}${Date.now().toString(36)}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: postgresAdminUrl });
    await client.connect();
    await client.query(sql);
    await client.end();
  };
  await admin(`create schema ${schema}`);
  const url = new URL(postgresAdminUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => admin(`drop schema if exists ${schema} cascade`) };
}

/** Delivers `customer.updated` for `customer` to the app's webhook route, signed as Stripe signs it. */
export async function deliverCustomerUpdated(
  app: FastifyInstance,
  stripe: Stripe,
  secret: string,
  customer: Stripe.Customer,
  idPrefix = 'evt_test',
) {
  const payload = JSON.stringify({
    id: `${idPrefix}_${Date.now()}_${Math.random().toString(36).slice(2)}`,
    object: 'event',
    type: 'customer.updated',
    created: Math.floor(Date.now() / 1000),
    data: { object: customer },
  });
  return app.inject({
    method: 'POST',
    url: '/webhooks/stripe',
    payload,
    headers: {
      'content-type': 'application/json',
      'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload, secret }),
    },
  });
}
