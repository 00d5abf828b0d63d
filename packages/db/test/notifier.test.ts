import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type DbHandle } from '../src/index';
import { freshSchemaUrl, postgresAvailable, postgresUrl } from './test-env';

const hasPostgres = await postgresAvailable();
if (!hasPostgres) console.warn(`db: Postgres not reachable at ${postgresUrl}; notifier tested on PGlite only`);

/** Resolves with the first payload heard on the channel. */
function firstPayload(handle: DbHandle, channel: string) {
  let heard!: (payload: string) => void;
  const payload = new Promise<string>((resolve) => (heard = resolve));
  return { payload, listening: handle.notifier.listen(channel, (p) => heard(p)) };
}

describe('notifier on PGlite', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createDb({ kind: 'pglite' });
  });
  afterAll(() => handle.close());

  it('delivers a NOTIFY to every listener in the process', async () => {
    const one = firstPayload(handle, 'portal_test');
    const two = firstPayload(handle, 'portal_test');
    await Promise.all([one.listening, two.listening]);
    await handle.notifier.notify('portal_test', 'abc cus_1');
    expect(await one.payload).toBe('abc cus_1');
    expect(await two.payload).toBe('abc cus_1');
  });

  it('delivers every one of many concurrent NOTIFYs (sent a few statements at a time)', async () => {
    const heard = new Set<string>();
    let done!: () => void;
    const all = new Promise<void>((resolve) => (done = resolve));
    const stop = await handle.notifier.listen('portal_burst', (p) => {
      heard.add(p);
      if (heard.size === 50) done();
    });
    const sent = Array.from({ length: 50 }, (_, i) => `x cus_${i}`);
    await Promise.all([...sent, ...sent].map((p) => handle.notifier.notify('portal_burst', p)));
    await all;
    expect([...heard].sort()).toEqual([...sent].sort());
    await stop();
  });
});

describe.runIf(hasPostgres)('notifier on Postgres (two instances, one database)', () => {
  let a: DbHandle;
  let b: DbHandle;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const schema = await freshSchemaUrl();
    drop = schema.drop;
    a = await createDb({ kind: 'postgres', url: schema.url });
    b = await createDb({ kind: 'postgres', url: schema.url });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await drop();
  });

  it("delivers one instance's NOTIFY to the other's LISTEN", async () => {
    const heard = firstPayload(a, 'portal_test');
    const stop = await heard.listening;
    await b.notifier.notify('portal_test', 'from-b cus_42');
    expect(await heard.payload).toBe('from-b cus_42');
    await stop();
  });
});
