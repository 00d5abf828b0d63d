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

describe('customer links, read from the table', () => {
  let db: DbHandle;
  beforeAll(async () => {
    db = await createDb({ kind: 'pglite' });
    for (const id of ['u_same', 'u_other', 'u_token']) {
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

  it('follows a link change at once, on this instance and on any other', async () => {
    const here = createCustomerLinks({ db: db.db });
    const elsewhere = createCustomerLinks({ db: db.db });
    await here.link('u_same', 'cus_first');
    expect(
      (await resolveViewer({ db: db.db, now: () => new Date(), customerLinks: here }, identity('u_same')))?.customerId,
    ).toBe('cus_first');
    await elsewhere.link('u_same', 'cus_second');
    expect(await here.customerIdFor('u_same')).toBe('cus_second');
  });

  it('sees a link another instance removed, with nothing to forget', async () => {
    const a = createCustomerLinks({ db: db.db });
    const b = createCustomerLinks({ db: db.db });
    await a.follow('u_other', 'cus_linked');
    expect(await b.customerIdFor('u_other')).toBe('cus_linked');
    await b.follow('u_other', null);
    expect(await a.customerIdFor('u_other')).toBeNull();
  });

  it('links again from the next token after the link was removed behind its back', async () => {
    const links = createCustomerLinks({ db: db.db });
    await links.follow('u_token', 'cus_token');
    await customerLinksRepo(db.db).unlink('u_token'); // support, a script, another instance
    await links.follow('u_token', 'cus_token');
    expect(await customerLinksRepo(db.db).customerIdFor('u_token')).toBe('cus_token');
  });
});
