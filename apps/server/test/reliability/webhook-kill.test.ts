import { createDb } from '@portal/db';
import { createEmulator, DEMO, type RunningEmulator } from '@portal/stripe-emulator';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The real thing: the server process (main.ts) is SIGKILLed while webhooks are arriving, then
 * started again over the same PGlite folder. Every event that got a 2xx must be in the ledger
 * (it commits before the answer); Stripe redelivers the rest; in the end each event is there once.
 */
const SECRET = 'whsec_kill_secret';
const EVENTS = 300;
const root = new URL('../../../../', import.meta.url).pathname;

let running: RunningEmulator;
let stripe: Stripe;
let dataDir: string;
beforeAll(async () => {
  running = await createEmulator({ seed: 'demo' }).listen({ port: 0 });
  stripe = new Stripe('sk_test_kill', { host: '127.0.0.1', port: running.port, protocol: 'http' });
  dataDir = mkdtempSync(path.join(tmpdir(), 'portal-kill-'));
});
afterAll(async () => {
  await running.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function startServer(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: root,
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      STRIPE_API_BASE: running.url,
      STRIPE_WEBHOOK_SECRET: SECRET,
      WEB_DIST_DIR: '/nonexistent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', () => {
      const match = /Billing portal: (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { url, child };
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
  );

describe('webhooks survive a killed server', () => {
  it(
    'loses no event acknowledged with a 2xx, and applies each exactly once after restart',
    { timeout: 120_000 },
    async () => {
      const before = new Set(
        (await stripe.events.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 })).map((e) => e.id),
      );
      for (let i = 0; i < EVENTS; i++)
        await stripe.customers.update(Object.values(DEMO.customers)[i % 6]!, { metadata: { kill: String(i) } });
      const events = (await stripe.events.list({ limit: 100 }).autoPagingToArray({ limit: 10_000 })).filter(
        (e) => !before.has(e.id),
      );
      const payloads = events.map((e) => JSON.stringify(e));
      const send = (url: string, i: number) =>
        fetch(`${url}/webhooks/stripe`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'stripe-signature': stripe.webhooks.generateTestHeaderString({ payload: payloads[i]!, secret: SECRET }),
          },
          body: payloads[i],
        })
          .then((r) => r.status)
          .catch(() => 0);

      const first = await startServer();
      const statuses = new Array<number>(events.length).fill(0);
      let next = 0;
      let done = 0;
      let killed = false;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < events.length && !killed) {
            const i = next++;
            statuses[i] = await send(first.url, i);
            if (++done === Math.floor(events.length / 2) && !killed) {
              killed = true;
              first.child.kill('SIGKILL'); // no graceful close: requests in flight die with it
            }
          }
        }),
      );
      await exited(first.child);
      const acknowledged = events.filter((_, i) => statuses[i] === 200).map((e) => e.id);

      const second = await startServer();
      const pending = events.map((_, i) => i).filter((i) => statuses[i] !== 200);
      const redelivered = await Promise.all(pending.map((i) => send(second.url, i)));
      // And one more full redelivery: every event now answers 2xx as a duplicate.
      const again = await Promise.all(events.map((_, i) => send(second.url, i)));
      second.child.kill('SIGTERM');
      await exited(second.child);

      const handle = await createDb({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
      const ledger = (await handle.db.selectFrom('webhook_events').select('event_id').execute()).map((r) => r.event_id);
      const audited = (
        await handle.db.selectFrom('audit_log').select('input_summary').where('action', 'like', 'webhook:%').execute()
      ).map((r) => (r.input_summary as { eventId: string }).eventId);
      await handle.close();

      expect(acknowledged.length).toBeGreaterThan(0);
      expect(pending.length).toBeGreaterThan(0);
      expect(ledger).toEqual(expect.arrayContaining(acknowledged));
      expect(redelivered.every((s) => s === 200)).toBe(true);
      expect(again.every((s) => s === 200)).toBe(true);
      expect([...ledger].sort()).toEqual(events.map((e) => e.id).sort());
      expect([...audited].sort()).toEqual(events.map((e) => e.id).sort());
      console.log(
        `[webhooks-kill] ${events.length} events; server SIGKILLed after ${acknowledged.length} acknowledged (${pending.length} unanswered); restarted over the same PGlite folder: ${pending.length} redelivered, then all ${events.length} again as duplicates; ledger ${ledger.length}, audit ${audited.length}: lost 0, applied twice 0`,
      );
    },
  );
});
