import { beforeAll, describe, expect, it } from 'vitest';
import { sessionsRepo, signInAttemptsRepo, usersRepo } from '../src/index';
import { dbTargets, useDb } from './test-env';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe.each(await dbTargets())('sessions and sign-in attempts on $name', (target) => {
  const handle = useDb(target);
  beforeAll(async () => {
    for (const id of ['u1', 'u2'])
      await usersRepo(handle.db).upsert({
        id,
        email: `${id}@example.com`,
        name: id,
        role: 'customer',
        password_hash: null,
      });
  });

  it('a session is live until revoked, idle beyond the limit, or past its absolute end', async () => {
    const repo = sessionsRepo(handle.db);
    const t0 = new Date('2026-01-01T10:00:00Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);
    await repo.create({ id: 's-idle', userId: 'u1', now: t0, lifetimeMs: 8 * HOUR });
    await repo.create({ id: 's-busy', userId: 'u1', now: t0, lifetimeMs: 8 * HOUR });
    expect(await repo.live('s-idle', at(59 * MINUTE), HOUR)).toBeDefined();
    expect(await repo.live('s-idle', at(61 * MINUTE), HOUR)).toBeUndefined();
    // Activity every 50 minutes keeps a session alive, but never past its absolute end.
    for (let m = 50; m < 8 * 60; m += 50) await repo.touch('s-busy', at(m * MINUTE));
    expect(await repo.live('s-busy', at(7 * HOUR + 50 * MINUTE), HOUR)).toBeDefined();
    expect(await repo.live('s-busy', at(8 * HOUR + MINUTE), HOUR)).toBeUndefined();
  });

  it('revoking one, or all of a user’s, ends them; touching never revives a revoked one', async () => {
    const repo = sessionsRepo(handle.db);
    const now = new Date();
    for (const [id, user] of [
      ['a1', 'u1'],
      ['a2', 'u1'],
      ['b1', 'u2'],
    ] as const)
      await repo.create({ id, userId: user, now, lifetimeMs: HOUR });
    expect(await repo.revoke('a1', now)).toBe('u1');
    expect(await repo.revoke('a1', now)).toBeUndefined();
    await repo.touch('a1', new Date(now.getTime() + 1000));
    expect(await repo.live('a1', new Date(now.getTime() + 2000), HOUR)).toBeUndefined();
    expect(await repo.revokeAllFor('u1', now)).toBeGreaterThanOrEqual(1);
    expect(await repo.live('a2', now, HOUR)).toBeUndefined();
    expect(await repo.live('b1', now, HOUR)).toBeDefined();
  });

  it('counts concurrent failures of one account exactly, restarts after the window, locks and resets', async () => {
    const repo = signInAttemptsRepo(handle.db);
    const now = new Date();
    const counts = await Promise.all(
      Array.from({ length: 10 }, () => repo.recordFailure('ada@example.com', now, 15 * MINUTE)),
    );
    expect([...counts].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    await repo.lock('ada@example.com', new Date(now.getTime() + MINUTE));
    expect(await repo.lockedUntil('ada@example.com', now)).toEqual(new Date(now.getTime() + MINUTE));
    expect(await repo.lockedUntil('ada@example.com', new Date(now.getTime() + 2 * MINUTE))).toBeNull();
    expect(await repo.recordFailure('ada@example.com', new Date(now.getTime() + 16 * MINUTE), 15 * MINUTE)).toBe(1);
    await repo.reset('ada@example.com');
    expect(await repo.lockedUntil('ada@example.com', now)).toBeNull();
  });
});
