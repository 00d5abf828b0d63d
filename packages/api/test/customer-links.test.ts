import { createDb, customerLinksRepo, usersRepo, type DbHandle } from '@portal/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCustomerLinks } from '../src/features/customer/customer-links';
import { resolveViewer } from '../src/viewer/viewer';

const identity = (userId: string) => ({
  userId,
  email: `${userId}@example.com`,
  name: null,
  role: 'customer' as const,
});

describe('customer links, remembered per user', () => {
  let db: DbHandle;
  beforeAll(async () => {
    db = await createDb({ kind: 'pglite' });
    for (const id of ['u_same', 'u_remote', 'u_race']) {
      await usersRepo(db.db).upsert({
        id,
        email: `${id}@example.com`,
        name: null,
        role: 'customer',
        password_hash: null,
      });
    }
  });
  afterAll(() => db.close());

  it('follows its own link change at once, without waiting for the TTL', async () => {
    const links = createCustomerLinks({ db: db.db, ttlMs: 60 * 60_000 });
    await links.link('u_same', 'cus_first');
    const deps = { db: db.db, now: () => new Date(), customerLinks: links };
    expect((await resolveViewer(deps, identity('u_same')))?.customerId).toBe('cus_first');
    await links.link('u_same', 'cus_second');
    expect((await resolveViewer(deps, identity('u_same')))?.customerId).toBe('cus_second');
  });

  it('reads the table once while the link is unchanged', async () => {
    await customerLinksRepo(db.db).link('u_same', 'cus_direct');
    const links = createCustomerLinks({ db: db.db, ttlMs: 60 * 60_000 });
    expect(await links.customerIdFor('u_same')).toBe('cus_direct');
    // Written behind its back (no instance told it): the remembered answer stands until the TTL.
    await customerLinksRepo(db.db).link('u_same', 'cus_behind_its_back');
    expect(await links.customerIdFor('u_same')).toBe('cus_direct');
    const expired = createCustomerLinks({
      db: db.db,
      ttlMs: 0,
      now: (() => {
        let t = 0;
        return () => (t += 10);
      })(),
    });
    expect(await expired.customerIdFor('u_same')).toBe('cus_behind_its_back');
  });

  it('forgets a user when another instance (LISTEN/NOTIFY on one database) changes their link', async () => {
    let heard!: (userId: string) => void;
    const remote = new Promise<string>((resolve) => (heard = resolve));
    const a = createCustomerLinks({
      db: db.db,
      notifier: db.notifier,
      ttlMs: 60 * 60_000,
      onRemoteForget: (id) => heard(id),
    });
    const b = createCustomerLinks({ db: db.db, notifier: db.notifier, ttlMs: 60 * 60_000 });
    await Promise.all([a.start(), b.start()]);
    await b.link('u_remote', 'cus_before');
    expect(await a.customerIdFor('u_remote')).toBe('cus_before');
    await b.link('u_remote', 'cus_after');
    expect(await remote).toBe('u_remote');
    expect(await a.customerIdFor('u_remote')).toBe('cus_after');
    await Promise.all([a.close(), b.close()]);
  });

  it('a read in flight while the link changes does not leave the old link behind', async () => {
    await customerLinksRepo(db.db).link('u_race', 'cus_old');
    const links = createCustomerLinks({ db: db.db, ttlMs: 60 * 60_000 });
    // The read starts first, the change lands while it is in flight.
    const racing = links.customerIdFor('u_race');
    await links.link('u_race', 'cus_new');
    await racing;
    expect(await links.customerIdFor('u_race')).toBe('cus_new');
  });
});
