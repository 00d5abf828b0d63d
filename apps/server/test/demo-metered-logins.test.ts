import { DEMO } from '@portal/stripe-emulator';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieFrom, testApp } from './harness';

// Issue #20: the demo's usage-based customers have portal logins like the others.
let app: FastifyInstance;
beforeAll(async () => {
  ({ app } = await testApp());
});
afterAll(() => app.close());

async function overviewAs(email: string) {
  const login = await app.inject({ method: 'POST', url: '/auth/demo/login', payload: { email, password: 'demo' } });
  expect(login.statusCode).toBe(200);
  const res = await app.inject({
    method: 'GET',
    url: '/trpc/billing.overview',
    headers: { cookie: cookieFrom(login.headers['set-cookie']) },
  });
  expect(res.statusCode).toBe(200);
  return res.json().result.data;
}

describe('usage-based demo logins', () => {
  it('lists both among the demo accounts', async () => {
    const res = await app.inject({ method: 'GET', url: '/auth/demo/accounts' });
    const emails = (res.json().accounts as { email: string }[]).map((a) => a.email);
    expect(emails).toEqual(expect.arrayContaining(['radia@example.com', 'frances@example.com']));
  });

  it('signs Radia in to the API plan: platform fee and metered requests', async () => {
    const data = await overviewAs('radia@example.com');
    expect(data.customer).toMatchObject({ id: DEMO.customers.meteredApi, name: 'Radia Perlman' });
    expect(data.subscriptions).toHaveLength(1);
    expect(data.subscriptions[0].status).toBe('active');
    expect(data.subscriptions[0].items.map((i: { productName: string }) => i.productName)).toEqual([
      'API platform',
      'API requests',
    ]);
  });

  it('signs Frances in to the package-priced email plan', async () => {
    const data = await overviewAs('frances@example.com');
    expect(data.customer).toMatchObject({ id: DEMO.customers.meteredPackage, name: 'Frances Allen' });
    expect(data.subscriptions[0].items.map((i: { productName: string }) => i.productName)).toEqual([
      'Transactional email',
    ]);
  });
});
