/**
 * Instructions per warm overview, counted by valgrind's callgrind: a figure that, unlike req/s or
 * CPU time, does not move with this VM's speed drift (the same run twice usually agrees within
 * ~0.5 %, but one run in a dozen came out 27 % high, so repeat a surprising figure),
 * so a change to the warm read path can be judged in one run instead of many alternating rounds.
 *
 *   node --import tsx bench/instructions.ts [measured=2000] [warm-up=8000] [--checkout=DIR]
 *
 * The portal (or another checkout's, to compare) and the bare Fastify route answering the same body
 * each run under callgrind with counting off; after a sequential warm-up (so the JIT has settled)
 * counting is switched on for `measured` sequential requests. Only the main thread is counted (the
 * compiler and GC helper threads vary run to run), and only user space: the kernel's share of a
 * request is the same for both servers. Sequential requests also count one event-loop turn each,
 * which concurrent load shares between requests, so the ratio here is not the throughput ratio.
 * Needs valgrind (Debian's `valgrind`); takes about 3 minutes.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator } from './emulator';
import { benchEnv } from './env';
import { startBareFastify, startPortal, type ChildServer, type Wrapper } from './portal-process';
import { demoCookie, getOverview, OVERVIEW_PATH } from './session';

const args = process.argv.slice(2);
const checkout = args.find((a) => a.startsWith('--checkout='))?.slice('--checkout='.length);
const [measured = 2000, warmUp = 8000] = args.filter((a) => !a.startsWith('--')).map(Number);

try {
  execFileSync('valgrind', ['--version'], { stdio: 'ignore' });
} catch {
  console.error('bench/instructions.ts needs valgrind (apt-get install -y valgrind)');
  process.exit(2);
}

const work = mkdtempSync(path.join(tmpdir(), 'portal-instructions-'));
const callgrind = (name: string): Wrapper => ({
  // valgrind names its control files after $HOST, which the portal sets to its listen address.
  command: ['env', 'HOST=127.0.0.1', 'valgrind', '--tool=callgrind', '--instr-atstart=no', '--separate-threads=yes', '--smc-check=all-non-file', `--callgrind-out-file=${work}/${name}.%p`],
  readyTimeoutMs: 300_000,
});

/** callgrind_control finds the process through files named after $USER and $HOST, as the server saw them. */
function control(server: ChildServer, ...command: string[]) {
  execFileSync('callgrind_control', [...command, String(server.child.pid)], { env: { PATH: benchEnv.childEnv.PATH, HOST: '127.0.0.1' }, stdio: 'ignore' });
}

async function sequential(url: string, headers: Record<string, string>, count: number) {
  for (let i = 0; i < count; i++) {
    const res = await fetch(url, { headers });
    await res.text();
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  }
}

/** Main-thread instructions per request of `server` over `measured` requests to `url`. */
async function count(name: string, server: ChildServer, url: string, headers: Record<string, string>): Promise<number> {
  await sequential(url, headers, warmUp);
  control(server, '-i', 'on');
  await sequential(url, headers, measured);
  control(server, '-d');
  const dump = readdirSync(work).find((file) => file.startsWith(`${name}.`) && file.endsWith('.1-01'));
  if (!dump) throw new Error(`no callgrind dump for ${name}`);
  const totals = /^totals: (\d+)/m.exec(readFileSync(path.join(work, dump), 'utf8'));
  if (!totals) throw new Error(`no totals in ${dump}`);
  return Math.round(Number(totals[1]) / measured);
}

const emulator = await startEmulator();
try {
  const portal = await startPortal({ emulatorUrl: emulator.url, dataDir: path.join(work, 'db'), webDist: path.join(work, 'web'), checkout, wrapper: callgrind('portal') });
  let portalInstructions: number;
  let body: string;
  try {
    const cookie = await demoCookie(portal.url);
    body = String(await getOverview(portal.url, { cookie }));
    portalInstructions = await count('portal', portal, `${portal.url}${OVERVIEW_PATH}`, { cookie });
  } finally {
    await portal.stop();
  }
  const bodyFile = path.join(work, 'overview-body.json');
  writeFileSync(bodyFile, body);
  const bare = await startBareFastify({ sameBodyFile: bodyFile, wrapper: callgrind('bare') });
  let bareInstructions: number;
  try {
    bareInstructions = await count('bare', bare, `${bare.url}/same-body`, {});
  } finally {
    await bare.stop();
  }
  const ratio = Math.round((portalInstructions / bareInstructions) * 100) / 100;
  console.log(`warm overview: ${portalInstructions} instructions/request; bare Fastify, same body: ${bareInstructions} (×${ratio}); ${measured} sequential requests after ${warmUp}`);
  console.log(JSON.stringify({ portal: portalInstructions, bareSameBody: bareInstructions, ratio, measured, warmUp, checkout: checkout ?? null }));
} finally {
  await emulator.close();
  rmSync(work, { recursive: true, force: true });
}
