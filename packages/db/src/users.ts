import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import type { Kysely } from 'kysely';
import type { Database, NewUser, User } from './schema';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number) => Promise<Buffer>;

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password, salt, 32);
  return `scrypt$${salt.toString('hex')}$${hash.toString('hex')}`;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const [scheme, saltHex, hashHex] = (stored ?? '').split('$');
  if (scheme !== 'scrypt' || !saltHex || !hashHex) return false;
  const expected = Buffer.from(hashHex, 'hex');
  const actual = await scrypt(password, Buffer.from(saltHex, 'hex'), expected.length);
  return timingSafeEqual(actual, expected);
}

export function usersRepo(db: Kysely<Database>) {
  return {
    findById: (id: string): Promise<User | undefined> =>
      db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
    /** The password (demo) user with this email; host-app users sign in by token, never by email. */
    findByEmail: (email: string): Promise<User | undefined> =>
      db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', email.toLowerCase())
        .where('password_hash', 'is not', null)
        .executeTakeFirst(),
    /** Inserts or refreshes a user; the id is stable, everything else follows the latest call. */
    async upsert(user: NewUser): Promise<void> {
      const row = { ...user, email: user.email.toLowerCase() };
      await db
        .insertInto('users')
        .values(row)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({
            email: row.email,
            name: row.name ?? null,
            role: row.role,
            password_hash: row.password_hash ?? null,
          }),
        )
        .execute();
    },
  };
}
