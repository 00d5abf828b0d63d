import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createEmulator } from './emulator.js';

function arg(name: string): string | undefined {
  const argv = process.argv.slice(2);
  const i = argv.indexOf(`--${name}`);
  if (i !== -1) return argv[i + 1];
  const inline = argv.find((a) => a.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(`Usage: stripe-emulator [--port 12111] [--host 127.0.0.1] [--seed demo|none] [--latency ms] [--state file.json]
                      [--rate-limit on|off|N] [--search-lag ms] [--upcoming-days N]

  --state          keep the emulator's state in this JSON file: loaded at start, saved every few
                   seconds and on exit, so a demo survives a restart.
  --rate-limit     Stripe's test-mode limits, 25 reads and 25 writes a second per key (on, the
                   default), none (off, for benchmarks), or N a second.
  --search-lag     milliseconds before new or changed objects show in search (default 2000; 0 = at once).
  --upcoming-days  days before a renewal that invoice.upcoming is sent (default 3).
  Control routes: POST /_emulator/reset, /_emulator/seed, /_emulator/latency, /_emulator/faults,
  /_emulator/time, /_emulator/rate-limit; GET /_emulator/requests, /_emulator/counters. They need
  'Authorization: Bearer <token>' with the token from STRIPE_EMULATOR_TOKEN; when it is unset a
  random token is made at start and never shown, so the control routes stay closed.`);
  process.exit(0);
}

const port = Number(arg('port') ?? process.env.PORT ?? 12111);
const host = arg('host') ?? '127.0.0.1';
const seed = (arg('seed') ?? 'demo') as 'demo' | 'none';
if (seed !== 'demo' && seed !== 'none') {
  console.error(`Unknown seed "${seed}" (use demo or none)`);
  process.exit(2);
}
const latency = arg('latency');
const statePath = arg('state');
const rateLimitArg = arg('rate-limit') ?? 'on';
if (!/^(on|off|\d+)$/.test(rateLimitArg)) {
  console.error(`Unknown --rate-limit "${rateLimitArg}" (use on, off or a number per second)`);
  process.exit(2);
}
const rateLimit = rateLimitArg === 'on' ? true : rateLimitArg === 'off' ? false : { perSecond: Number(rateLimitArg) };
const searchLag = arg('search-lag');
const upcomingDays = arg('upcoming-days');
// The CLI is the emulator's entry point, so it reads its own environment.
const controlToken = process.env.STRIPE_EMULATOR_TOKEN;
const emulator = createEmulator({
  seed,
  rateLimit,
  ...(latency ? { latencyMs: Number(latency) } : {}),
  ...(searchLag ? { searchLagMs: Number(searchLag) } : {}),
  ...(upcomingDays ? { upcomingRenewalDays: Number(upcomingDays) } : {}),
  ...(controlToken ? { controlToken } : {}),
});
if (statePath && existsSync(statePath)) {
  emulator.core.importState(JSON.parse(readFileSync(statePath, 'utf8')));
  console.log(`Loaded state from ${statePath}`);
}
const running = await emulator.listen({ port, host });
console.log(`stripe-emulator listening on ${running.url} (seed: ${seed})`);
console.log(
  controlToken
    ? '  Control routes: Bearer token from STRIPE_EMULATOR_TOKEN'
    : '  Control routes: closed (set STRIPE_EMULATOR_TOKEN to use them)',
);
console.log(`  SDK: new Stripe('sk_test_123', { host: '${running.host}', port: ${running.port}, protocol: 'http' })`);

let lastSaved = '';
const save = () => {
  if (!statePath) return;
  const json = JSON.stringify(emulator.core.exportState());
  if (json === lastSaved) return;
  // Write then rename, so a crash never leaves half a file.
  writeFileSync(`${statePath}.tmp`, json);
  renameSync(`${statePath}.tmp`, statePath);
  lastSaved = json;
};
if (statePath) setInterval(save, 5000).unref();

const stop = () => {
  save();
  void running.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
