import { testApp, TOKEN_SECRET } from '@portal/server/testing';
import { DEMO } from '@portal/stripe-emulator';
import { TRPCClientError } from '@trpc/client';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '@portal/api';
import { createBillingClient } from '../src/client';

let app: Awaited<ReturnType<typeof testApp>>['app'];
let url: string;

beforeAll(async () => {
  ({ app } = await testApp());
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  url = `${address}/trpc`;
});
afterAll(() => app.close());

const tokenFor = (claims: Record<string, string>) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub!)
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(TOKEN_SECRET));

describe('the client package against a real server', () => {
  it('reads the overview with a host-app token', async () => {
    const token = await tokenFor({ sub: 'host-42', email: 'h42@example.com', customer_id: DEMO.customers.active });
    const client = createBillingClient({ url, getToken: () => token });
    const overview = await client.billing.overview.query();
    expect(overview.customer.id).toBe(DEMO.customers.active);
    expect(overview.subscriptions[0]?.items[0]?.productName).toBe('Pro');
  });

  it('batches calls made together into one HTTP request', async () => {
    const token = await tokenFor({ sub: 'host-43', email: 'h43@example.com', customer_id: DEMO.customers.active });
    let requests = 0;
    const client = createBillingClient({
      url,
      getToken: () => token,
      fetch: (input, init) => (requests++, fetch(input, init)),
    });
    const [me, overview] = await Promise.all([client.session.me.query(), client.billing.overview.query()]);
    expect(me?.email).toBe('h43@example.com');
    expect(overview.subscriptions.length).toBeGreaterThan(0);
    expect(requests).toBe(1);
  });

  it('surfaces typed errors: UNAUTHORIZED without a token', async () => {
    const client = createBillingClient({ url });
    const error = await client.billing.overview.query().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCClientError);
    expect((error as TRPCClientError<AppRouter>).data?.code).toBe('UNAUTHORIZED');
  });
});
