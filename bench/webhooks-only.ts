/**
 * Only the webhook phase of `pnpm bench`, for iterating on ingestion:
 * `node --import tsx bench/webhooks-only.ts [pglite|postgres] [events] [--profile=/tmp/prof]`.
 * Same load as the bench (each event delivered twice concurrently, 32 in flight, emulator latency
 * 0, the real entry point in its own process), after a 64-event warm-up. Besides events/s it prints
 * CPU milliseconds per event of the portal process, of this process (client + emulator) and of all
 * `postgres` processes on the machine: steadier than events/s when other work shares the cores.
 * `--profile=DIR` writes a CPU profile of the measured run of the portal into DIR (`cpu-profile.mjs`).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator } from './emulator';
import { benchEnv } from './env';
import { processCpuMs, profileServersInto, startPortal } from './portal-process';
import { freshPostgresSchema } from './postgres';
import { ingestWebhooks } from './webhooks';

const args = process.argv.slice(2);
const profileDir = args.find((a) => a.startsWith('--profile='))?.slice('--profile='.length);
const positional = args.filter((a) => !a.startsWith('--'));
const database = positional[0] === 'postgres' ? 'postgres' : 'pglite';
const events = Number(positional[1] ?? benchEnv.webhookEvents);
if (profileDir) profileServersInto(profileDir);

/** CPU ms of every `postgres` process on this machine (the local server's backends). */
function postgresCpuMs(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (stat.includes('(postgres)')) total += processCpuMs(Number(pid));
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

const work = mkdtempSync(path.join(tmpdir(), 'portal-webhooks-'));
const emulator = await startEmulator();
let drop: (() => Promise<void>) | null = null;
try {
  await emulator.setLatency(0);
  let databaseUrl: string | undefined;
  let ledgerCount: (() => Promise<number>) | null = null;
  if (database === 'postgres') {
    const schema = await freshPostgresSchema(benchEnv.postgresUrl);
    if ('skipped' in schema) throw new Error(schema.skipped);
    databaseUrl = schema.url;
    drop = schema.drop;
    ledgerCount = schema.ledgerCount;
  }
  const portal = await startPortal({
    emulatorUrl: emulator.url,
    dataDir: path.join(work, 'db'),
    webDist: path.join(work, 'web'),
    ...(databaseUrl ? { databaseUrl } : {}),
  });
  try {
    // A short warm-up (JIT, connections), with ids of its own; then the measured run.
    await ingestWebhooks(portal.url, 64);
    if (profileDir) portal.startProfiling();
    await emulator.resetCounters();
    const portalCpu = portal.cpuMs();
    const pgCpu = database === 'postgres' ? postgresCpuMs() : 0;
    const ownCpu = process.cpuUsage();
    const outcome = await ingestWebhooks(portal.url, events);
    const own = process.cpuUsage(ownCpu);
    const cpu = {
      // The portal's CPU per event, and the bench process's (emulator + client) for comparison.
      portalCpuMsPerEvent: Math.round(((portal.cpuMs() - portalCpu) * 100) / events) / 100,
      benchCpuMsPerEvent: Math.round(((own.user + own.system) / 1000 / events) * 100) / 100,
      ...(database === 'postgres'
        ? { postgresCpuMsPerEvent: Math.round(((postgresCpuMs() - pgCpu) * 100) / events) / 100 }
        : {}),
      stripeRequests: await emulator.requestCount(),
    };
    const ledgerRows = ledgerCount ? (await ledgerCount()) - 64 : null;
    console.log(
      JSON.stringify({
        database,
        ...outcome,
        ...cpu,
        ...(ledgerRows !== null ? { ledgerRows, exactlyOnce: outcome.exactlyOnce && ledgerRows === events } : {}),
      }),
    );
  } finally {
    await portal.stop();
  }
} finally {
  await drop?.();
  await emulator.close();
  rmSync(work, { recursive: true, force: true });
}
