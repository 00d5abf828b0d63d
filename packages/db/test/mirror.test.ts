import { describe, expect, it } from 'vitest';
import { MIRROR_CHANNEL, mirrorRepo, webhookEventsRepo, type MirrorSnapshot } from '../src/index';
import { dbTargets, useDb, type DbTarget } from './test-env';

const snapshot = (name: string, invoices = 1): MirrorSnapshot => ({
  customer: { id: 'cus_1', name },
  subscriptions: [
    { id: 'sub_1', object: { id: 'sub_1', status: 'active' }, preview: { amount_due: 900 }, previewFailed: false },
  ],
  paymentMethods: [{ id: 'pm_1', object: { id: 'pm_1' } }],
  taxIds: [],
  // Stripe's order, newest first; the same creation second for all, so only the order tells them apart.
  invoices: Array.from({ length: invoices }, (_, i) => ({
    id: `in_${['b', 'c', 'a'][i % 3]}${i}`,
    object: { id: `in_${i}` },
    status: 'paid',
    created: 1_700_000_000,
  })),
  invoicesHaveMore: false,
});

function mirrorSuite(target: DbTarget) {
  const name = target.title;
  describe(`mirror on ${name}`, () => {
    const handle = useDb(target);

    it('starts a customer dirty, and is fresh after a save of what was read after that', async () => {
      const repo = mirrorRepo(handle.db);
      const state = await repo.begin('cus_1');
      expect(state.syncedVersion < state.dirtyVersion).toBe(true);
      expect((await repo.load('cus_1'))?.mirror).toBeNull();
      expect(await repo.save('cus_1', state.dirtyVersion, snapshot('Ada', 3))).toBe(true);
      const loaded = await repo.load('cus_1');
      expect(loaded?.state.syncedVersion).toBe(state.dirtyVersion);
      expect(loaded?.mirror?.customer).toEqual({ id: 'cus_1', name: 'Ada' });
      expect(loaded?.mirror?.subscriptions[0]?.preview).toEqual({ amount_due: 900 });
      // In Stripe's order, which neither the ids nor the creation times give back.
      expect(loaded?.mirror?.invoices.map((i) => i.id)).toEqual(['in_b0', 'in_c1', 'in_a2']);
    });

    it('never lets a read that began earlier overwrite one that began later', async () => {
      const repo = mirrorRepo(handle.db);
      const early = await repo.begin('cus_1');
      await repo.markDirty(['cus_1']);
      const late = (await repo.state('cus_1'))!;
      expect(await repo.save('cus_1', late.dirtyVersion, snapshot('Late'))).toBe(true);
      expect(await repo.save('cus_1', early.dirtyVersion, snapshot('Early'))).toBe(false);
      expect((await repo.load('cus_1'))?.mirror?.customer).toEqual({ id: 'cus_1', name: 'Late' });
      // Replaced, not merged: the invoices of the earlier save are gone.
      expect((await repo.load('cus_1'))?.mirror?.invoices).toHaveLength(1);
    });

    it('marks a mirrored customer stale in the webhook ledger statement, and only a new event', async () => {
      const repo = mirrorRepo(handle.db);
      const before = (await repo.state('cus_1'))!;
      const entry = {
        eventId: `evt_${name}_1`,
        type: 'customer.updated',
        audit: { customerId: 'cus_1', objectId: 'cus_1' },
        notify: null,
      };
      await webhookEventsRepo(handle.db).record([
        entry,
        { ...entry, eventId: `evt_${name}_2`, audit: { customerId: 'cus_unknown', objectId: 'x' } },
      ]);
      const after = (await repo.state('cus_1'))!;
      expect(after.dirtyVersion > before.dirtyVersion).toBe(true);
      expect(after.syncedVersion < after.dirtyVersion).toBe(true);
      expect(await repo.state('cus_unknown')).toBeNull();
      // A redelivered event changes nothing.
      await webhookEventsRepo(handle.db).record([entry]);
      expect((await repo.state('cus_1'))!.dirtyVersion).toBe(after.dirtyVersion);
      expect(await repo.dirtyCustomers(0, 10)).toEqual(['cus_1']);
    });

    it('tells listeners on commit which customer was synced', async () => {
      const repo = mirrorRepo(handle.db);
      const heard: string[] = [];
      const stop = await handle.notifier.listen(MIRROR_CHANNEL, (p) => heard.push(p));
      const state = (await repo.state('cus_1'))!;
      await repo.save('cus_1', state.dirtyVersion, snapshot('Notified'));
      await expect.poll(() => heard).toEqual(['cus_1']);
      await stop();
    });
  });
}

for (const target of await dbTargets()) mirrorSuite(target);
