import { createEmulator, type Emulator } from '@portal/stripe-emulator';
import type { FastifyInstance } from 'fastify';
import Stripe from 'stripe';
import { buildApp } from '../src/app';
import { parseEnv } from '../src/env';

export const TOKEN_SECRET = 'host-app-token-secret-for-tests-0123456789';

/** The server in embedded mode with the emulator plugged into the SDK (no port) and an in-memory db. */
export async function testApp(
  extraEnv: Record<string, string> = {},
): Promise<{ app: FastifyInstance; emulator: Emulator; stripe: Stripe }> {
  const emulator = createEmulator({ seed: 'demo' });
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
