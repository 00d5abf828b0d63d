import { DEMO } from '@portal/stripe-emulator';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoSignIn, testApp } from './harness';

// Building an app (PGlite, migrations, demo users) is slow when every test file does it at once.
vi.setConfig({ testTimeout: 20_000, hookTimeout: 60_000 });

let app: FastifyInstance;
let agent: string;
beforeAll(async () => {
  ({ app } = await testApp());
  agent = await demoSignIn(app, 'support@example.com');
});
afterAll(() => app.close());

const call = (method: 'GET' | 'POST', path: string, input?: unknown) =>
  app.inject({
    method,
    url:
      method === 'GET'
        ? `/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`
        : `/trpc/${path}`,
    headers: { cookie: agent, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
    ...(method === 'POST' ? { payload: JSON.stringify(input ?? {}) } : {}),
  });

const auditRows = () =>
  app.db
    .selectFrom('audit_log')
    .selectAll()
    .where('customer_id', '=', DEMO.customers.active)
    .orderBy('seq', 'asc')
    .execute();

describe('support view-as over HTTP', () => {
  it('shows the customer read-only, refuses changes with 403, and audits start, pages viewed, refusals and stop', async () => {
    const started = await call('POST', 'support.startViewAs', {
      customerId: DEMO.customers.active,
      reason: 'ticket 7',
    });
    expect(started.statusCode).toBe(200);
    const impersonationId = started.json().result.data.impersonationId as string;

    const me = await call('GET', 'session.me');
    expect(me.json().result.data).toMatchObject({ role: 'support', readOnly: true });
    const cards = await call('GET', 'billing.paymentMethods.list');
    expect(cards.statusCode).toBe(200);
    expect(cards.json().result.data.paymentMethods[0]).toMatchObject({ last4: '4242', isDefault: true });

    const remove = await call('POST', 'billing.paymentMethods.remove', {
      idempotencyKey: crypto.randomUUID(),
      paymentMethodId: DEMO.paymentMethods.activeVisa,
    });
    expect(remove.statusCode).toBe(403);
    expect(remove.json().error.data.reason).toBe('READ_ONLY_VIEW');

    expect((await call('POST', 'support.stopViewAs')).json().result.data).toEqual({ stopped: true });
    expect((await call('GET', 'billing.paymentMethods.list')).statusCode).toBe(404);

    const rows = await auditRows();
    expect(rows.map((r) => [r.action, r.outcome, r.impersonation_id])).toEqual([
      ['support.startViewAs', 'ok', impersonationId],
      ['support.viewed', 'ok', impersonationId],
      ['billing.paymentMethods.remove', 'refused', impersonationId],
      ['support.stopViewAs', 'ok', impersonationId],
    ]);
    expect(rows.every((r) => r.actor_user_id === 'demo-support' && r.actor_role === 'support')).toBe(true);
  });

  it('a fresh sign-in (another computer) starts clean instead of inside an old view-as', async () => {
    expect(
      (await call('POST', 'support.startViewAs', { customerId: DEMO.customers.active, reason: 'ticket 8' })).statusCode,
    ).toBe(200);
    expect((await call('GET', 'session.me')).json().result.data).toMatchObject({ readOnly: true });

    const fresh = await demoSignIn(app, 'support@example.com');
    const me = await app.inject({ method: 'GET', url: '/trpc/session.me', headers: { cookie: fresh } });
    expect(me.json().result.data).toMatchObject({ role: 'support', readOnly: false });
    expect((await call('GET', 'support.currentViewAs')).json().result.data).toBeNull();
    const rows = await auditRows();
    expect(rows.at(-1)).toMatchObject({ action: 'support.stopViewAs', input_summary: { why: 'signed in again' } });
  });

  it('refuses a view-as without a reason, with nothing started', async () => {
    const refused = await call('POST', 'support.startViewAs', { customerId: DEMO.customers.active });
    expect(refused.statusCode).toBe(400);
    expect((await call('GET', 'session.me')).json().result.data).toMatchObject({ readOnly: false });
  });
});
