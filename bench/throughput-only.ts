/**
 * Only the throughput phase of `pnpm bench`, for iterating on the warm read path:
 * `node --import tsx bench/throughput-only.ts [rounds] [seconds] [--profile=DIR] [--pin]`.
 * `--profile=DIR` writes a CPU profile of the portal under the measured load (after the warm-up)
 * into DIR; `--pin` keeps load generator and servers on separate CPUs (see pinApart).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator } from './emulator';
import { benchEnv } from './env';
import { pinApart, profileServersInto, startBareFastify, startPortal } from './portal-process';
import { demoCookie, OVERVIEW_PATH } from './session';
import { alternate, hammer } from './throughput';

const args = process.argv.slice(2);
const profileDir = args.find((a) => a.startsWith('--profile='))?.slice('--profile='.length);
const pin = args.includes('--pin');
const [rounds = benchEnv.throughputRounds, seconds = benchEnv.throughputSeconds] = args.filter((a) => !a.startsWith('--')).map(Number);
if (profileDir) profileServersInto(profileDir);

const work = mkdtempSync(path.join(tmpdir(), 'portal-throughput-'));
const emulator = await startEmulator();
try {
  const bare = await startBareFastify();
  const portal = await startPortal({ emulatorUrl: emulator.url, dataDir: path.join(work, 'db'), webDist: path.join(work, 'web') });
  try {
    if (pin) pinApart([bare, portal]);
    const cookie = await demoCookie(portal.url);
    await hammer(`${portal.url}${OVERVIEW_PATH}`, { cookie }, 1);
    if (profileDir) portal.startProfiling();
    const result = await alternate(
      { url: `${bare.url}/json`, server: bare },
      { url: `${portal.url}${OVERVIEW_PATH}`, headers: { cookie }, server: portal },
      rounds,
      seconds,
      ([b, o]) => console.log(`bare ${b.requestsPerSecond} req/s ${b.serverCpuUsPerRequest} µs · portal ${o.requestsPerSecond} req/s ${o.serverCpuUsPerRequest} µs`),
    );
    const [bareFastify, overview] = result.medianRound;
    console.log(JSON.stringify({ bareFastify, overview, ratio: result.ratio }, null, 2));
  } finally {
    await Promise.all([portal.stop(), bare.stop()]);
  }
} finally {
  await emulator.close();
  rmSync(work, { recursive: true, force: true });
}
