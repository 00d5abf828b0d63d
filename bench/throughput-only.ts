/**
 * Only the throughput phase of `pnpm bench`, for iterating on the warm read path:
 * `node --import tsx bench/throughput-only.ts [seconds]`. PORTAL_NODE_ARGS (e.g. `--cpu-prof
 * --cpu-prof-dir=/tmp/prof`) goes to the portal's process, to profile it under the same load.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator } from './emulator';
import { startBareFastify, startPortal } from './portal-process';
import { demoCookie, OVERVIEW_PATH } from './session';
import { hammer } from './throughput';

const seconds = Number(process.argv[2] ?? 8);
const work = mkdtempSync(path.join(tmpdir(), 'portal-throughput-'));
const emulator = await startEmulator();
try {
  const bare = await startBareFastify();
  const bareFastify = await hammer(`${bare.url}/json`, {}, seconds, bare);
  await bare.stop();
  const portal = await startPortal({ emulatorUrl: emulator.url, dataDir: path.join(work, 'db'), webDist: path.join(work, 'web') });
  try {
    const cookie = await demoCookie(portal.url);
    await hammer(`${portal.url}${OVERVIEW_PATH}`, { cookie }, 1);
    const overview = await hammer(`${portal.url}${OVERVIEW_PATH}`, { cookie }, seconds, portal);
    console.log(JSON.stringify({ bareFastify, overview, ratio: Math.round((overview.requestsPerSecond / bareFastify.requestsPerSecond) * 1000) / 1000 }, null, 2));
  } finally {
    await portal.stop();
  }
} finally {
  await emulator.close();
  rmSync(work, { recursive: true, force: true });
}
