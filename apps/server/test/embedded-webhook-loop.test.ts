import { DEMO } from '@portal/stripe-emulator';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../src/app';
import { parseEnv } from '../src/env';

vi.setConfig({ testTimeout: 20_000, hookTimeout: 60_000 });

let app: Awaited<ReturnType<typeof buildApp>>;
beforeAll(async () => {
  // Embedded mode as `pnpm start` runs it: the in-process emulator on a loopback port, no secret.
  app = await buildApp({ env: parseEnv({ LOG_LEVEL: 'silent', WEB_DIST_DIR: '/nonexistent' }), ephemeralDb: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(() => app.close());

const webhookRows = () =>
  app.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'webhook:customer.updated')
    .where('customer_id', '=', DEMO.customers.active)
    .execute();

describe('embedded mode webhook loop', () => {
  it('receives the emulator’s own events, verified with the secret of the endpoint it registered', async () => {
    const stripe = app.portal.stripe.stripe;
    await vi.waitFor(async () => expect((await stripe.webhookEndpoints.list()).data.length).toBeGreaterThan(0), {
      timeout: 5000,
    });
    await stripe.customers.update(DEMO.customers.active, { name: 'Ada Byron' });
    await vi.waitFor(async () => expect(await webhookRows()).toHaveLength(1), { timeout: 5000 });
    // Delivered, verified with the endpoint's own secret, and applied once.
    await new Promise((r) => setTimeout(r, 300));
    expect(await webhookRows()).toHaveLength(1);
  });
});
