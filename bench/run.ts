import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildAndMeasure } from './bundle';
import { timeToPlanCard } from './browser';
import { firstVisitOnPhone } from './first-visit';
import { startEmulator } from './emulator';
import { benchEnv } from './env';
import { cacheManyCustomers } from './memory';
import { measureOverview } from './overview';
import { repoRoot, startPortal, type ChildServer } from './portal-process';
import { freshPostgresSchema } from './postgres';
import { machine, table, type BenchResults } from './report';
import { demoCookie } from './session';
import { measureThroughput } from './throughput-phase';
import { ingestWebhooks } from './webhooks';

// A hard ceiling, so a hung phase can never keep the bench (or CI) running.
const watchdog = setTimeout(() => {
  console.error('bench: gave up after 8 minutes');
  process.exit(1);
}, 8 * 60_000);
watchdog.unref();

const L = benchEnv.latencyMs;
const results: BenchResults = { at: new Date().toISOString(), machine: machine(), latencyMs: L, errors: {} };
const work = mkdtempSync(path.join(tmpdir(), 'portal-bench-'));
const webDist = path.join(work, 'web');
const servers: ChildServer[] = [];
const log = (msg: string) => console.error(`bench: ${msg}`);

/** `pnpm bench overview throughput` runs only the phases named (webhooks-postgres, memory, …); none: all. */
const only = process.argv.slice(2);

/** One failing phase is reported in the table; the others still run. */
async function phase(name: string, run: () => Promise<void>) {
  if (only.length > 0 && !only.includes(name)) return;
  const start = Date.now();
  log(`${name}…`);
  try {
    await run();
  } catch (error) {
    results.errors[name] = (error as Error).message;
    log(`${name} failed: ${(error as Error).stack ?? String(error)}`);
  }
  log(`${name} done in ${((Date.now() - start) / 1000).toFixed(1)} s`);
}

async function portal(name: string, databaseUrl?: string) {
  const server = await startPortal({
    emulatorUrl: emulator.url,
    dataDir: path.join(work, name),
    webDist,
    ...(databaseUrl ? { databaseUrl } : {}),
  });
  servers.push(server);
  return server;
}

const emulator = await startEmulator();
try {
  await phase('bundle', async () => {
    results.bundle = await buildAndMeasure(webDist);
  });

  await emulator.setLatency(L);
  const main = await portal('pglite-main');
  const cookie = await demoCookie(main.url);

  await phase('overview', async () => {
    results.overview = await measureOverview(main, emulator, cookie, {
      cold: benchEnv.coldSamples,
      warm: benchEnv.warmSamples,
    });
  });

  await phase('throughput', async () => {
    results.throughput = await measureThroughput(main, cookie, {
      rounds: benchEnv.throughputRounds,
      seconds: benchEnv.throughputSeconds,
    });
  });

  await phase('browser', async () => {
    results.browser = await timeToPlanCard(main.url);
  });

  await phase('first-visit', async () => {
    results.firstVisit = await firstVisitOnPhone(main.url);
  });

  // Webhook ingestion measures the portal's own cost: Stripe latency would only measure concurrency.
  await emulator.setLatency(0);
  results.webhooks = { pglite: { skipped: 'not run' }, postgres: { skipped: 'not run' } };
  await phase('webhooks-pglite', async () => {
    results.webhooks!.pglite = await ingestWebhooks(main.url, benchEnv.webhookEvents);
  });
  await main.stop();

  await phase('webhooks-postgres', async () => {
    const schema = await freshPostgresSchema(benchEnv.postgresUrl);
    if ('skipped' in schema) {
      results.webhooks!.postgres = schema;
      return;
    }
    try {
      const server = await portal('postgres', schema.url);
      const outcome = await ingestWebhooks(server.url, benchEnv.webhookEvents);
      await server.stop();
      const ledgerRows = await schema.ledgerCount();
      results.webhooks!.postgres = { ...outcome, exactlyOnce: outcome.exactlyOnce && ledgerRows === outcome.events };
    } finally {
      await schema.drop();
    }
  });

  // Postgres when it answers (production's setup; host-token sign-ins write two rows each, which
  // PGlite on disk serialises); the embedded PGlite otherwise.
  await phase('memory', async () => {
    const schema = await freshPostgresSchema(benchEnv.postgresUrl);
    const onPostgres = !('skipped' in schema);
    try {
      const server = await portal('memory', onPostgres ? schema.url : undefined);
      results.memory = await cacheManyCustomers(
        server,
        emulator,
        benchEnv.cachedCustomers,
        onPostgres ? 'postgres' : 'pglite',
      );
      await server.stop();
    } finally {
      if (onPostgres) await schema.drop();
    }
  });
} finally {
  await Promise.all(servers.map((s) => s.stop().catch(() => {})));
  await emulator.close();
  rmSync(work, { recursive: true, force: true });
}

const dir = path.join(repoRoot, 'bench/results');
mkdirSync(dir, { recursive: true });
const json = `${JSON.stringify(results, null, 2)}\n`;
writeFileSync(path.join(dir, `${results.at.replace(/[:.]/g, '-')}.json`), json);
writeFileSync(path.join(dir, 'latest.json'), json);
console.log(`\n${table(results)}\n`);
process.exit(Object.keys(results.errors).length > 0 ? 1 : 0);
