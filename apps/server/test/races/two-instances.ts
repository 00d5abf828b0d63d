import { createEmulator, type RunningEmulator } from '@portal/stripe-emulator';
import type { FastifyInstance } from 'fastify';
import Stripe from 'stripe';
import { buildApp } from '../../src/app';
import { parseEnv } from '../../src/env';
import { TOKEN_SECRET } from '../harness';
// The db package's own helper (a fresh schema per run), so both packages' tests make them alike.
import { freshSchemaUrl } from '../../../../packages/db/test/test-env';

export interface Instance {
  url: string;
  /** A demo user's session cookie on this instance. */
  login(email: string): Promise<string>;
}

export interface Cluster {
  instances: [Instance, Instance];
  /** The test's own view of Stripe: the SDK against the same emulator the servers use. */
  stripe: Stripe;
  close(): Promise<void>;
}

/**
 * Two real server instances (own Fastify, own pools, own caches), listening on ports, sharing one
 * Postgres schema and one emulator reached over HTTP: what a scaled-out deployment looks like.
 */
export async function twoInstances(): Promise<Cluster> {
  const emulator: RunningEmulator = await createEmulator({ seed: 'demo' }).listen({ port: 0 });
  const schema = await freshSchemaUrl();
  const env = parseEnv({
    LOG_LEVEL: 'silent',
    AUTH_TOKEN_SECRET: TOKEN_SECRET,
    WEB_DIST_DIR: '/nonexistent',
    DATABASE_URL: schema.url,
    STRIPE_API_BASE: emulator.url,
  });
  const apps: FastifyInstance[] = [];
  // One after the other: both would run the same migrations at once otherwise.
  for (let i = 0; i < 2; i++) apps.push(await buildApp({ env }));
  const urls = await Promise.all(apps.map((app) => app.listen({ port: 0, host: '127.0.0.1' })));
  const instance = (url: string): Instance => ({
    url,
    async login(email) {
      const res = await fetch(`${url}/auth/demo/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'demo' }),
      });
      if (!res.ok) throw new Error(`login failed: ${res.status}`);
      return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    },
  });
  const port = Number(new URL(emulator.url).port);
  return {
    instances: [instance(urls[0]!), instance(urls[1]!)],
    stripe: new Stripe('sk_test_races', { host: '127.0.0.1', port, protocol: 'http' }),
    async close() {
      await Promise.all(apps.map((a) => a.close()));
      await emulator.close();
      await schema.drop();
    },
  };
}

export interface Answer {
  status: number;
  body: { result?: { data: unknown }; error?: { data?: { reason?: string | null; code?: string } } };
}

export async function trpcMutation(instance: Instance, cookie: string, path: string, input: unknown): Promise<Answer> {
  const res = await fetch(`${instance.url}/trpc/${path}`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

export async function trpcQuery<T>(instance: Instance, cookie: string, path: string, input: unknown): Promise<T> {
  const res = await fetch(`${instance.url}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
    headers: { cookie },
  });
  const body = (await res.json()) as { result?: { data: T }; error?: unknown };
  if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body.error)}`);
  return body.result!.data;
}
