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
import { profileServersInto, startPortal } from './portal-process';
import { demoCookie, OVERVIEW_PATH } from './session';
import { hammer } from './throughput';
import { measureThroughput } from './throughput-phase';

const args = process.argv.slice(2);
const profileDir = args.find((a) => a.startsWith('--profile='))?.slice('--profile='.length);
const pin = args.includes('--pin');
const [rounds = benchEnv.throughputRounds, seconds = benchEnv.throughputSeconds] = args.filter((a) => !a.startsWith('--')).map(Number);
if (profileDir) profileServersInto(profileDir);

const work = mkdtempSync(path.join(tmpdir(), 'portal-throughput-'));
const emulator = await startEmulator();
try {
  const portal = await startPortal({ emulatorUrl: emulator.url, dataDir: path.join(work, 'db'), webDist: path.join(work, 'web') });
  try {
    const cookie = await demoCookie(portal.url);
    await hammer(`${portal.url}${OVERVIEW_PATH}`, { cookie }, 1);
    if (profileDir) portal.startProfiling();
    const line = (t: { requestsPerSecond: number; serverCpuUsPerRequest: number | null }) => `${t.requestsPerSecond} req/s ${t.serverCpuUsPerRequest} µs`;
    const result = await measureThroughput(portal, cookie, work, {
      rounds,
      seconds,
      pin,
      onRound: ([small, same, overview]) => console.log(`bare ${line(small!)} · bare same body ${line(same!)} · portal ${line(overview!)}`),
    });
    console.log(JSON.stringify(result, null, 2));
  } finally {
    await portal.stop();
  }
} finally {
  await emulator.close();
  rmSync(work, { recursive: true, force: true });
}
