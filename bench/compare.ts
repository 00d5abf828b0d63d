/**
 * A/B for the warm read path: `node --import tsx bench/compare.ts OTHER_CHECKOUT [rounds] [seconds]`.
 * Starts the portal from this checkout (A) and from another one (B, e.g. a `git worktree` with a
 * change, its dependencies installed) against one emulator, then hammers the warm overview on each
 * in alternating rounds. This VM's speed drifts by 2x over minutes, so comparing two full bench runs
 * says little; interleaved rounds see the same drift, and the median of the per-round ratios B ÷ A
 * is what to read. Server CPU per request is printed next to req/s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator } from './emulator';
import { pinApart, startPortal, type ChildServer } from './portal-process';
import { demoCookie, OVERVIEW_PATH } from './session';
import { percentile } from './stats';
import { alternate, hammer, medianRatio } from './throughput';

const args = process.argv.slice(2);
// --pin: load generator and servers on separate CPUs (see pinApart).
const pin = args.includes('--pin');
const [other, roundsArg, secondsArg] = args.filter((a) => !a.startsWith('--'));
if (!other) throw new Error('usage: bench/compare.ts OTHER_CHECKOUT [rounds] [seconds]');
const rounds = Number(roundsArg ?? 4);
const seconds = Number(secondsArg ?? 4);

const work = mkdtempSync(path.join(tmpdir(), 'portal-compare-'));
const emulator = await startEmulator();
const servers: ChildServer[] = [];
try {
  for (const [name, checkout] of [['a', undefined], ['b', path.resolve(other)]] as const) {
    servers.push(await startPortal({ emulatorUrl: emulator.url, dataDir: path.join(work, name), webDist: path.join(work, 'web'), checkout }));
  }
  if (pin) pinApart(servers);
  const cookies = await Promise.all(servers.map((server) => demoCookie(server.url)));
  const targets = servers.map((server, i) => ({ url: `${server.url}${OVERVIEW_PATH}`, headers: { cookie: cookies[i]! }, server }));
  for (const target of targets) await hammer(target.url, target.headers, 1);
  let round = 0;
  const results = await alternate(targets, rounds, seconds, ([a, b]) => {
    round += 1;
    console.log(`round ${round}: A ${a!.requestsPerSecond} req/s ${a!.serverCpuUsPerRequest} µs · B ${b!.requestsPerSecond} req/s ${b!.serverCpuUsPerRequest} µs`);
  });
  const cpu = percentile(results.map(([a, b]) => (b!.serverCpuUsPerRequest ?? 0) / (a!.serverCpuUsPerRequest ?? 1)), 50);
  console.log(`median B ÷ A: req/s ${medianRatio(results, 1, 0).ratio.toFixed(3)}, server CPU per request ${cpu.toFixed(3)}`);
} finally {
  await Promise.all(servers.map((server) => server.stop()));
  await emulator.close();
  rmSync(work, { recursive: true, force: true });
}
