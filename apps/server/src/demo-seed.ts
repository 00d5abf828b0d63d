import { DEMO } from '@portal/stripe-emulator';
import { customerLinksRepo, hashPassword, usersRepo, type Database } from '@portal/db';
import type { Kysely } from 'kysely';

export const DEMO_PASSWORD = 'demo';

export interface DemoLogin {
  /** The demo user's id: the sign-in page words the description from its catalogs by it. */
  id: string;
  email: string;
  role: 'customer' | 'support';
  /** English note for the API; the sign-in page shows `login.demo.account.<id>`. */
  description: string;
}

const customers = [
  {
    id: 'demo-ada',
    email: 'ada@example.com',
    name: 'Ada Lovelace',
    customer: DEMO.customers.active,
    description: 'active Pro plan with a card',
  },
  {
    id: 'demo-grace',
    email: 'grace@example.com',
    name: 'Grace Hopper',
    customer: DEMO.customers.trialing,
    description: 'Pro plan in a free trial',
  },
  {
    id: 'demo-alan',
    email: 'alan@example.com',
    name: 'Alan Turing',
    customer: DEMO.customers.pastDue,
    description: 'past due: renewal declined, open invoice',
  },
  {
    id: 'demo-katherine',
    email: 'katherine@example.com',
    name: 'Katherine Johnson',
    customer: DEMO.customers.cancelAtPeriodEnd,
    description: 'Business yearly, cancels at period end',
  },
  {
    id: 'demo-margaret',
    email: 'margaret@example.com',
    name: 'Margaret Hamilton',
    customer: DEMO.customers.multiSeat,
    description: 'Team plan with 5 seats',
  },
  {
    id: 'demo-barbara',
    email: 'barbara@example.com',
    name: 'Barbara Liskov',
    customer: DEMO.customers.multiItem,
    description: 'Pro plus a support add-on',
  },
  {
    id: 'demo-radia',
    email: 'radia@example.com',
    name: 'Radia Perlman',
    customer: DEMO.customers.meteredApi,
    description: 'usage-based API plan: platform fee plus tiered requests',
  },
  {
    id: 'demo-frances',
    email: 'frances@example.com',
    name: 'Frances Allen',
    customer: DEMO.customers.meteredPackage,
    description: 'usage-based email, billed per 10,000 sent',
  },
] as const;

const support = { id: 'demo-support', email: 'support@example.com', name: 'Sam Support' } as const;

/** A demo login's user id, name, role and Stripe customer (support has none), for minting tokens. */
export function demoAccount(
  email: string,
): { id: string; name: string; role: 'customer' | 'support'; customer: string | null } | null {
  const normalized = email.trim().toLowerCase();
  if (normalized === support.email) return { id: support.id, name: support.name, role: 'support', customer: null };
  const found = customers.find((c) => c.email === normalized);
  return found ? { id: found.id, name: found.name, role: 'customer', customer: found.customer } : null;
}

/** Embedded mode only: demo users linked to the emulator's seeded customers. Idempotent. */
export async function seedDemoUsers(db: Kysely<Database>): Promise<DemoLogin[]> {
  const users = usersRepo(db);
  const links = customerLinksRepo(db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const c of customers) {
    await users.upsert({ id: c.id, email: c.email, name: c.name, role: 'customer', password_hash: passwordHash });
    await links.link(c.id, c.customer);
  }
  await users.upsert({ ...support, role: 'support', password_hash: passwordHash });
  return [
    ...customers.map((c) => ({ id: c.id, email: c.email, role: 'customer' as const, description: c.description })),
    { id: support.id, email: support.email, role: 'support', description: 'support console, read-only view-as' },
  ];
}
