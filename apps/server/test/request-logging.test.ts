import { createEmulator } from '@portal/stripe-emulator';
import type { FastifyInstance } from 'fastify';
import Stripe from 'stripe';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { parseEnv } from '../src/env';

// Embedded mode is someone trying the demo: a request is not worth two info lines (#16.16).
let app: FastifyInstance | undefined;
afterEach(() => app?.close());

async function loggedLines(env: Record<string, string>): Promise<Array<{ level: number; msg: string }>> {
  const lines: string[] = [];
  const emulator = createEmulator({ seed: 'none' });
  app = await buildApp({
    env: parseEnv({ WEB_DIST_DIR: '/nonexistent', ...env }),
    ephemeralDb: true,
    logStream: { write: (line) => lines.push(line) },
    stripe: {
      stripe: new Stripe('sk_test_logging', { httpClient: emulator.httpClient }),
      publishableKey: 'pk_test_logging',
      stripeJsUrl: null,
      emulator: null,
      close: async () => {},
    },
  });
  await app.inject({ method: 'GET', url: '/healthz' });
  return lines.map((line) => JSON.parse(line) as { level: number; msg: string });
}

const aboutRequests = (lines: Array<{ msg: string }>) => lines.filter((l) => /request/i.test(l.msg));

describe('request logs in embedded mode', () => {
  it('are not written at the default info level', async () => {
    expect(aboutRequests(await loggedLines({ LOG_LEVEL: 'info' }))).toEqual([]);
  });

  it('are written at debug: the request, then its status and time', async () => {
    const lines = aboutRequests(await loggedLines({ LOG_LEVEL: 'debug' }));
    expect(lines).toEqual([
      expect.objectContaining({
        level: 20,
        msg: 'incoming request',
        req: expect.objectContaining({ method: 'GET', url: '/healthz' }),
      }),
      expect.objectContaining({
        level: 20,
        msg: 'request completed',
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
      }),
    ]);
  });
});
