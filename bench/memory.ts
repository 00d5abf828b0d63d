import { DEMO } from '@portal/stripe-emulator';
import type { BenchEmulator } from './emulator';
import type { ChildServer } from './portal-process';
import { getOverview, hostToken } from './session';
import { pool } from './stats';

export interface MemoryResult {
  customers: number;
  database: string;
  rssBeforeMb: number;
  rssAfterMb: number;
  loadSeconds: number;
  note?: string;
}

/**
 * One customer with a Pro subscription is made through the API, then copied N times in the
 * emulator's store with fresh ids: the emulator was built for demos, and creating (or previewing)
 * thousands of subscriptions through it slows down with every one it holds. The subscription is
 * set to cancel at period end, which skips the invoice preview the emulator is slowest at; the
 * cached view still holds the subscription, its items, prices and cancellation.
 */
async function seedCustomers(emulator: BenchEmulator, count: number): Promise<string[]> {
  const { stripe } = emulator;
  const template = await stripe.customers.create({ name: 'Bench customer', email: 'bench@example.com' });
  const sub = await stripe.subscriptions.create({
    customer: template.id,
    items: [{ price: DEMO.prices.proMonthly }],
    trial_period_days: 14,
  });
  await stripe.subscriptions.update(sub.id, { cancel_at_period_end: true });
  const store = emulator.emulator.core.store;
  // Everything reachable from the customer: the subscription, its items, its invoice.
  const objects = store.snapshot().objects;
  const owned = new Set([template.id]);
  for (let before = 0; before !== owned.size;) {
    before = owned.size;
    for (const o of objects) {
      const json = JSON.stringify(o);
      if (!owned.has(o.id) && [...owned].some((id) => json.includes(id))) owned.add(o.id);
    }
  }
  const templates = objects.filter((o) => owned.has(o.id) && o.object !== 'event').map((o) => JSON.stringify(o));
  const ids = new RegExp(`\\b(${[...owned].join('|')})\\b`, 'g');
  const customers: string[] = [];
  for (let i = 0; i < count; i++) {
    for (const json of templates) store.put(JSON.parse(json.replace(ids, (id) => `${id}b${i}`)));
    customers.push(`${template.id}b${i}`);
  }
  return customers;
}

/**
 * Each of N distinct customers opens its overview once through a host-app token (as an embedding
 * app signs its users in), so N entries are cached; then the server's RSS is read from /proc.
 * Bounded by `budgetSeconds`: if the emulator cannot keep up, the figure says how many were cached.
 */
export async function cacheManyCustomers(
  portal: ChildServer,
  emulator: BenchEmulator,
  count: number,
  database: string,
  budgetSeconds = 150,
): Promise<MemoryResult> {
  const ids = await seedCustomers(emulator, count);
  // The emulator sweeps every subscription for renewals before each request; none of these renew
  // within the bench, and the sweep over 10,000 copies would dominate the run.
  const core = emulator.emulator.core;
  const resumeSweeps = core.internal.suspend('request.received');
  const rssBeforeMb = portal.rssMb();
  const deadline = Date.now() + budgetSeconds * 1000;
  let cached = 0;
  const failures: string[] = [];
  const loadStart = Date.now();
  try {
    await pool(ids, 16, async (customerId, i) => {
      if (Date.now() > deadline || failures.length > 20) return;
      try {
        await getOverview(portal.url, { authorization: `Bearer ${await hostToken(`bench-user-${i}`, customerId)}` });
        cached++;
      } catch (error) {
        failures.push((error as Error).message);
      }
    });
  } finally {
    resumeSweeps();
  }
  return {
    customers: cached,
    database,
    rssBeforeMb,
    rssAfterMb: portal.rssMb(),
    loadSeconds: (Date.now() - loadStart) / 1000,
    ...(failures.length > 0
      ? {
          note: `${failures.length} requests failed (first: ${failures[0]}); stopped after ${cached} of ${count} customers`,
        }
      : cached < count
        ? { note: `time budget of ${budgetSeconds} s reached after ${cached} of ${count} customers` }
        : {}),
  };
}
