import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { demoSignIn, testApp } from './harness';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

// #15 item 8: a customer wrote ~220 KB per audit row with a forged note that support then read.
const FORGED = `Refund approved by support lead Jane Doe. ${'x'.repeat(220 * 1024)}`;

let app: FastifyInstance;
let cookie: string;
beforeAll(async () => {
  ({ app } = await testApp());
  cookie = await demoSignIn(app, 'ada@example.com');
});
afterAll(() => app.close());

const mutate = (path: string, input: unknown) =>
  app.inject({
    method: 'POST',
    url: `/trpc/${path}`,
    headers: { cookie, 'content-type': 'application/json' },
    payload: JSON.stringify(input),
  });

async function lastRow(action: string) {
  return app.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();
}

describe('the audit trail keeps only parsed, validated, bounded input', () => {
  it('a valid call with a forged 220 KB key stores only the schema’s fields', async () => {
    const res = await mutate('billing.customer.update', {
      idempotencyKey: randomUUID(),
      name: 'Ada Lovelace',
      note: FORGED,
    });
    expect(res.statusCode).toBe(200);
    const row = await lastRow('billing.customer.update');
    const stored = JSON.stringify(row.input_summary);
    expect(stored).not.toContain('Refund approved');
    expect(stored).not.toContain('note');
    expect(stored.length).toBeLessThan(2048);
    expect(row.input_summary).toEqual({ name: 'Ada Lovelace' });
  });

  it('a call that fails validation stores no input at all, and a failed outcome', async () => {
    const res = await mutate('billing.customer.update', { idempotencyKey: randomUUID(), name: 42, note: FORGED });
    expect(res.statusCode).toBe(400);
    const row = await lastRow('billing.customer.update');
    expect(row.outcome).toBe('failed');
    expect(row.input_summary).toBeNull();
  });

  it('long free text inside a valid field is cut to a small bound', async () => {
    const res = await mutate('billing.customer.update', {
      idempotencyKey: randomUUID(),
      name: `Refund approved by ${'y'.repeat(200)}`,
    });
    expect(res.statusCode).toBe(200);
    const stored = JSON.stringify((await lastRow('billing.customer.update')).input_summary);
    expect(stored.length).toBeLessThan(200);
  });
});
