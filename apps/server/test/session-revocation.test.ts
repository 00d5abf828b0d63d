import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cookieFrom, freshPostgresSchema, testApp } from './harness';

vi.setConfig({ testTimeout: 30_000, hookTimeout: 90_000 });

// #15 item 5: a cookie saved before sign-out still answered for 8 hours.
const me = async (app: FastifyInstance, cookie: string) => {
  const res = await app.inject({ method: 'GET', url: '/trpc/session.me', headers: { cookie } });
  return res.json().result?.data as { email: string } | null;
};
const overviewStatus = async (app: FastifyInstance, cookie: string) =>
  (await app.inject({ method: 'GET', url: '/trpc/billing.overview', headers: { cookie } })).statusCode;
async function signIn(app: FastifyInstance, email = 'ada@example.com') {
  const res = await app.inject({ method: 'POST', url: '/auth/demo/login', payload: { email, password: 'demo' } });
  expect(res.statusCode).toBe(200);
  return cookieFrom(res.headers['set-cookie']);
}
const post = (app: FastifyInstance, url: string, cookie: string) =>
  app.inject({ method: 'POST', url, headers: { cookie, origin: 'http://localhost:80' } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('one instance (PGlite)', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    ({ app } = await testApp({ SESSION_IDLE_TIMEOUT_SECONDS: '2' }));
  });
  afterAll(() => app.close());

  it('a cookie saved before sign-out no longer answers after it', async () => {
    const cookie = await signIn(app);
    expect(await me(app, cookie)).toMatchObject({ email: 'ada@example.com' });
    expect(await overviewStatus(app, cookie)).toBe(200);
    const out = await post(app, '/auth/logout', cookie);
    expect(out.statusCode).toBe(200);
    expect(await me(app, cookie)).toBeNull();
    expect(await overviewStatus(app, cookie)).toBe(401);
  });

  it('"sign out everywhere" ends every session of the user, and only theirs', async () => {
    const laptop = await signIn(app);
    const phone = await signIn(app);
    const someoneElse = await signIn(app, 'grace@example.com');
    const res = await post(app, '/auth/logout-everywhere', laptop);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true, ended: 2 });
    expect(await me(app, phone)).toBeNull();
    expect(await me(app, laptop)).toBeNull();
    expect(await me(app, someoneElse)).toMatchObject({ email: 'grace@example.com' });
  });

  it('an idle session ends after the idle timeout; an active one does not', async () => {
    const idle = await signIn(app);
    const active = await signIn(app, 'grace@example.com');
    for (let i = 0; i < 6; i++) {
      await sleep(500);
      expect(await me(app, active), `active after ${(i + 1) * 500} ms`).not.toBeNull();
    }
    expect(await me(app, idle)).toBeNull();
  });
});

describe('two instances sharing one Postgres', () => {
  let schema: Awaited<ReturnType<typeof freshPostgresSchema>> | undefined;
  let a: FastifyInstance;
  let b: FastifyInstance;
  beforeAll(async () => {
    schema = await freshPostgresSchema('t_sessions_');
    const env = { DATABASE_URL: schema.url, SESSION_SECRET: 's'.repeat(40) };
    ({ app: a } = await testApp(env));
    ({ app: b } = await testApp(env));
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await schema?.drop();
  });

  it('sign-out on one instance is refused on the other within a second', async () => {
    const cookie = await signIn(a);
    // Instance B has seen (and remembers) the session.
    expect(await me(b, cookie)).toMatchObject({ email: 'ada@example.com' });
    expect(await overviewStatus(b, cookie)).toBe(200);
    expect((await post(a, '/auth/logout', cookie)).statusCode).toBe(200);
    const started = Date.now();
    while ((await me(b, cookie)) !== null && Date.now() - started < 3000) await sleep(25);
    const tookMs = Date.now() - started;
    console.info(`[sessions] revocation on instance A refused on instance B after ${tookMs} ms`);
    expect(tookMs).toBeLessThan(1000);
    expect(await overviewStatus(b, cookie)).toBe(401);
  });

  it('"sign out everywhere" on B ends a session made on A', async () => {
    const onA = await signIn(a, 'grace@example.com');
    const onB = await signIn(b, 'grace@example.com');
    expect(await me(a, onA)).not.toBeNull();
    expect((await post(b, '/auth/logout-everywhere', onB)).statusCode).toBe(200);
    const started = Date.now();
    while ((await me(a, onA)) !== null && Date.now() - started < 3000) await sleep(25);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
