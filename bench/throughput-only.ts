/**
 * Only the throughput phase of `pnpm bench`, for iterating on the warm read path:
 * `node --import tsx bench/throughput-only.ts [seconds] [--profile=DIR]`. `--profile=DIR` writes a
 * CPU profile of the portal under the measured load (after the warm-up) into DIR.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator } from './emulator';
import { profileServersInto, startBareFastify, startPortal } from './portal-process';
import { demoCookie, OVERVIEW_PATH } from './session';
import { hammer, throughputRatio } from './throughput';

const args = process.argv.slice(2);
const profileDir = args.find((a) => a.startsWith('--profile='))?.slice('--profile='.length);
const seconds = Number(args.find((a) => !a.startsWith('--')) ?? 8);
if (profileDir) profileServersInto(profileDir);

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
    if (profileDir) portal.startProfiling();
    const overview = await hammer(`${portal.url}${OVERVIEW_PATH}`, { cookie }, seconds, portal);
    console.log(JSON.stringify({ bareFastify, overview, ratio: throughputRatio(overview, bareFastify) }, null, 2));
  } finally {
    await portal.stop();
  }
} finally {
  await emulator.close();
  rmSync(work, { recursive: true, force: true });
}
