import { describe, expect, it } from 'vitest';
import { auditRepo, createDb, customerLinksRepo, hashPassword, usersRepo, verifyPassword } from '../src/index';
import { dbTargets, useDb } from './test-env';

describe.each(await dbTargets())('repositories on $name', (target) => {
  const handle = useDb(target);

  it('stores users case-insensitively by email and updates them in place', async () => {
    const users = usersRepo(handle.db);
    await users.upsert({
      id: 'u1',
      email: 'Ada@Example.com',
      name: 'Ada',
      role: 'customer',
      password_hash: 'scrypt$aa$bb',
    });
    await users.upsert({
      id: 'u1',
      email: 'ada@example.com',
      name: 'Ada L.',
      role: 'customer',
      password_hash: 'scrypt$aa$bb',
    });
    const found = await users.findByEmail('ADA@example.com');
    expect(found).toMatchObject({ id: 'u1', name: 'Ada L.', role: 'customer' });
  });

  it('lets two token users share an email, while a password login stays unique by email', async () => {
    const users = usersRepo(handle.db);
    await users.upsert({ id: 'h1', email: 'shared@example.com', name: null, role: 'customer', password_hash: null });
    await users.upsert({ id: 'h2', email: 'shared@example.com', name: null, role: 'customer', password_hash: null });
    expect(await users.findById('h2')).toMatchObject({ email: 'shared@example.com' });
    expect(await users.findByEmail('shared@example.com')).toBeUndefined();
    await users.upsert({
      id: 'p1',
      email: 'pw@example.com',
      name: null,
      role: 'customer',
      password_hash: 'scrypt$00$00',
    });
    await expect(
      users.upsert({ id: 'p2', email: 'pw@example.com', name: null, role: 'customer', password_hash: 'scrypt$11$11' }),
    ).rejects.toThrow();
    expect((await users.findByEmail('pw@example.com'))?.id).toBe('p1');
  });

  it('links a user to one Stripe customer and relinks on demand', async () => {
    const links = customerLinksRepo(handle.db);
    expect(await links.customerIdFor('u1')).toBeNull();
    await links.link('u1', 'cus_a');
    await links.link('u1', 'cus_b');
    expect(await links.customerIdFor('u1')).toBe('cus_b');
  });

  it('refuses a link for a user that does not exist', async () => {
    await expect(customerLinksRepo(handle.db).link('nobody', 'cus_x')).rejects.toThrow();
  });

  it('keeps the audit trail newest first, filtered by customer', async () => {
    const audit = auditRepo(handle.db);
    await audit.record({ actorUserId: 'u1', actorRole: 'customer', customerId: 'cus_b', action: 'a1', outcome: 'ok' });
    await audit.record({ actorUserId: 'u1', actorRole: 'customer', customerId: 'cus_c', action: 'a2', outcome: 'ok' });
    await audit.record({
      actorUserId: 's1',
      actorRole: 'support',
      customerId: 'cus_b',
      action: 'a3',
      inputSummary: { page: 'overview' },
      outcome: 'refused',
    });
    const rows = await audit.list({ customerId: 'cus_b' });
    expect(rows.map((r) => r.action)).toEqual(['a3', 'a1']);
    expect(rows[0]?.input_summary).toEqual({ page: 'overview' });
  });
});

describe('passwords', () => {
  it('verifies the right password only', async () => {
    const stored = await hashPassword('correct horse');
    expect(await verifyPassword('correct horse', stored)).toBe(true);
    expect(await verifyPassword('wrong horse', stored)).toBe(false);
    expect(await verifyPassword('anything', null)).toBe(false);
  });
});

describe('migrations', () => {
  it('persist a PGlite database across reopen without re-running', async () => {
    const { mkdtempSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/portal-db-');
    const first = await createDb({ kind: 'pglite', dataDir: dir });
    await usersRepo(first.db).upsert({
      id: 'keep',
      email: 'k@example.com',
      name: null,
      role: 'support',
      password_hash: null,
    });
    await first.close();
    const second = await createDb({ kind: 'pglite', dataDir: dir });
    expect(await usersRepo(second.db).findById('keep')).toMatchObject({ role: 'support' });
    await second.close();
  });
});
