import { DEMO } from '@portal/stripe-emulator';
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { resetEmbeddedData } from '../src/emulator-state';
import { parseEnv } from '../src/env';

// `npm start` twice over the same DATA_DIR: the in-process emulator and PGlite, as main.ts runs them (#16.17).
const dataDir = mkdtempSync(path.join(tmpdir(), 'portal-restart-'));
const start = async (): Promise<FastifyInstance> => {
  const app = await buildApp({
    env: parseEnv({ LOG_LEVEL: 'silent', DATA_DIR: dataDir, WEB_DIST_DIR: '/nonexistent', PORT: '0' }),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return app;
};
const sdk = (app: FastifyInstance) => app.portal.stripe.stripe;
const embeddedEndpoints = async (app: FastifyInstance) =>
  (await sdk(app).webhookEndpoints.list({ limit: 100 })).data.filter(
    (e) => e.description === 'billing portal (embedded)',
  );

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('the embedded demo across restarts', () => {
  it("keeps the demo customer's Stripe state beside PGlite's, and registers one webhook endpoint per run", async () => {
    const first = await start();
    await sdk(first).subscriptions.update(DEMO.subscriptions.active, { cancel_at_period_end: true });
    const card = await sdk(first).paymentMethods.attach('pm_card_mastercard', { customer: DEMO.customers.active });
    await first.close();

    const second = await start();
    try {
      expect((await sdk(second).subscriptions.retrieve(DEMO.subscriptions.active)).cancel_at_period_end).toBe(true);
      expect((await sdk(second).customers.listPaymentMethods(DEMO.customers.active)).data.map((pm) => pm.id)).toContain(
        card.id,
      );
      const endpoints = await embeddedEndpoints(second);
      expect(endpoints).toHaveLength(1);
      expect(endpoints[0]!.url).toBe(
        `http://127.0.0.1:${(second.server.address() as { port: number }).port}/webhooks/stripe`,
      );
    } finally {
      await second.close();
    }
  }, 60_000);

  it('starts from the demo seed again after `--reset`', async () => {
    resetEmbeddedData(dataDir, { pglite: true });
    const fresh = await start();
    try {
      expect((await sdk(fresh).subscriptions.retrieve(DEMO.subscriptions.active)).cancel_at_period_end).toBe(false);
    } finally {
      await fresh.close();
    }
  }, 60_000);
});
