import { beforeAll, describe, expect, it } from 'vitest';
import { auditRepo, impersonationsRepo, usersRepo, webhookEventsRepo } from '../src/index';
import { dbTargets, useDb } from './test-env';

const MINUTE = 60_000;

describe.each(await dbTargets())('view-as, webhook ledger and audit filters on $name', (target) => {
  const handle = useDb(target);
  beforeAll(async () => {
    await usersRepo(handle.db).upsert({
      id: 'agent',
      email: 'agent@example.com',
      name: 'Agent',
      role: 'support',
      password_hash: null,
    });
  });

  it('keeps one running view-as per agent, until it is stopped or expires', async () => {
    const repo = impersonationsRepo(handle.db);
    const t0 = new Date('2026-01-01T10:00:00Z');
    const first = await repo.start({
      supportUserId: 'agent',
      customerId: 'cus_a',
      reason: null,
      now: t0,
      ttlMs: 30 * MINUTE,
    });
    const second = await repo.start({
      supportUserId: 'agent',
      customerId: 'cus_b',
      reason: 'ticket',
      now: new Date(t0.getTime() + MINUTE),
      ttlMs: 30 * MINUTE,
    });
    expect((await repo.active('agent', new Date(t0.getTime() + 2 * MINUTE)))?.id).toBe(second.id);
    expect(second.id).not.toBe(first.id);
    expect(await repo.active('agent', new Date(t0.getTime() + 32 * MINUTE))).toBeUndefined();
    expect((await repo.stop('agent', new Date(t0.getTime() + 5 * MINUTE)))?.customer_id).toBe('cus_b');
    expect(await repo.active('agent', new Date(t0.getTime() + 6 * MINUTE))).toBeUndefined();
    expect(await repo.stop('agent', new Date(t0.getTime() + 7 * MINUTE))).toBeUndefined();
  });

  it('lets an event id be claimed once, also inside competing transactions', async () => {
    const ledger = webhookEventsRepo(handle.db);
    expect(await ledger.seen('evt_1')).toBe(false);
    expect(await ledger.claim('evt_1', 'customer.updated')).toBe(true);
    expect(await ledger.claim('evt_1', 'customer.updated')).toBe(false);
    expect(await ledger.seen('evt_1')).toBe(true);
    const claims = await Promise.all(
      [1, 2, 3].map(() =>
        handle.db.transaction().execute((trx) => webhookEventsRepo(trx).claim('evt_2', 'invoice.paid')),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('records a batch of events in one statement: each id once, effects and NOTIFYs for claimed ids only', async () => {
    const ledger = webhookEventsRepo(handle.db);
    const heard: string[] = [];
    let all!: () => void;
    const allHeard = new Promise<void>((resolve) => (all = resolve));
    const stop = await handle.notifier.listen('ledger_test', (payload) => {
      heard.push(payload);
      if (heard.length === 2) all();
    });
    await ledger.claim('evt_b0', 'customer.updated');
    const entry = (id: string, customerId: string | null) => ({
      eventId: id,
      type: 'customer.updated',
      audit: { customerId, objectId: customerId ?? 'obj' },
      notify: customerId ? { channel: 'ledger_test', payload: `${id} ${customerId}` } : null,
    });
    const claimed = await ledger.record([
      entry('evt_b0', 'cus_0'),
      entry('evt_b1', 'cus_1'),
      entry('evt_b1', 'cus_1'),
      entry('evt_b2', null),
      { ...entry('evt_b3', 'cus_3'), audit: null },
    ]);
    expect([...claimed].sort()).toEqual(['evt_b1', 'evt_b2', 'evt_b3']);
    expect(await Promise.all(['evt_b1', 'evt_b2', 'evt_b3', 'evt_none'].map((id) => ledger.seen(id)))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    const audited = await handle.db
      .selectFrom('audit_log')
      .select(['action', 'actor_role', 'customer_id', 'input_summary', 'outcome'])
      .where('action', '=', 'webhook:customer.updated')
      .orderBy('seq')
      .execute();
    expect(audited).toEqual([
      {
        action: 'webhook:customer.updated',
        actor_role: 'system',
        customer_id: 'cus_1',
        input_summary: { eventId: 'evt_b1', object: 'cus_1' },
        outcome: 'ok',
      },
      {
        action: 'webhook:customer.updated',
        actor_role: 'system',
        customer_id: null,
        input_summary: { eventId: 'evt_b2', object: 'obj' },
        outcome: 'ok',
      },
    ]);
    await allHeard;
    expect(heard.sort()).toEqual(['evt_b1 cus_1', 'evt_b3 cus_3']);
    await stop();
  });

  it('claims each id once when batches race on several connections', async () => {
    const ledger = webhookEventsRepo(handle.db);
    const ids = Array.from({ length: 20 }, (_, i) => `evt_race_${i}`);
    const batches = [ids, [...ids].reverse(), ids.filter((_, i) => i % 2 === 0)];
    const results = await Promise.all(
      batches.map((batch) =>
        ledger.record(batch.map((eventId) => ({ eventId, type: 'invoice.paid', audit: null, notify: null }))),
      ),
    );
    const wins = results.flatMap((claimed) => [...claimed]);
    expect(wins.sort()).toEqual([...ids].sort());
  });

  it('filters the audit trail by action prefix and outcome and pages by seq', async () => {
    const audit = auditRepo(handle.db);
    for (const [action, outcome] of [
      ['view:billing.overview', 'ok'],
      ['billing.customer.update', 'refused'],
      ['view:billing.invoices.list', 'ok'],
      ['view_other', 'ok'],
    ] as const) {
      await audit.record({ actorUserId: 'agent', actorRole: 'support', customerId: 'cus_f', action, outcome });
    }
    expect((await audit.list({ customerId: 'cus_f', action: 'view:*' })).map((r) => r.action)).toEqual([
      'view:billing.invoices.list',
      'view:billing.overview',
    ]);
    expect((await audit.list({ customerId: 'cus_f', outcome: 'refused' })).map((r) => r.action)).toEqual([
      'billing.customer.update',
    ]);
    const [newest] = await audit.list({ customerId: 'cus_f', limit: 1 });
    expect((await audit.list({ customerId: 'cus_f', beforeSeq: newest!.seq })).map((r) => r.action)).toEqual([
      'view:billing.invoices.list',
      'billing.customer.update',
      'view:billing.overview',
    ]);
  });
});
