import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { benchEnv } from './env';

export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
export const WEBHOOK_SECRET = 'whsec_bench_secret';
export const SESSION_SECRET = 'bench-session-secret-0123456789-abcdef';
export const TOKEN_SECRET = 'bench-host-token-secret-0123456789-abcdef';

export interface ChildServer {
  url: string;
  child: ChildProcess;
  /** Resident set size of the server process, from /proc (Linux). */
  rssMb(): number;
  /** CPU time the server process has used (user + system), from /proc (Linux), in ms. */
  cpuMs(): number;
  /** With profileServersInto(): start the CPU profiler now (after a warm-up). */
  startProfiling(): void;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Polls until the server answers, at most `timeoutMs`: every loop in the bench is bounded. */
async function waitReady(url: string, child: ChildProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${url} not ready after ${timeoutMs} ms`);
}

/** CPU time (user + system) a process has used, in ms, from /proc/<pid>/stat (Linux; ticks are 1/100 s). */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields 14 and 15, counted after the parenthesised command name (which may contain spaces).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Servers started after this call load bench/cpu-profile.mjs: `startProfiling()` then starts the
 * sampling profiler (after a warm-up) and the profile lands in `dir` when the server exits.
 * (`--cpu-prof` would profile start-up too, and is refused in NODE_OPTIONS.)
 */
export function profileServersInto(dir: string) {
  const preload = fileURLToPath(new URL('./cpu-profile.mjs', import.meta.url));
  benchEnv.childEnv.NODE_OPTIONS = `${benchEnv.childEnv.NODE_OPTIONS ?? ''} --import ${preload}`.trim();
  benchEnv.childEnv.CPU_PROFILE_DIR = dir;
}

function spawnTs(script: string, env: Record<string, string | undefined>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: repoRoot,
    env: { ...benchEnv.childEnv, ...env },
    stdio: ['ignore', 2, 'inherit'],
  });
}

function handle(url: string, child: ChildProcess): ChildServer {
  return {
    url,
    child,
    rssMb() {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
      return Math.round((kb / 1024) * 10) / 10;
    },
    cpuMs: () => processCpuMs(child.pid!),
    startProfiling: () => void child.kill('SIGUSR2'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The real entry point (apps/server/src/main.ts), started as `npm start` does, in its own
 * process, so its RSS and event loop are its own; Stripe is the bench's emulator
 * (STRIPE_API_BASE), which keeps emulator memory out of the server's RSS and lets the bench set
 * latency and read counters.
 */
export async function startPortal(opts: {
  emulatorUrl: string;
  dataDir: string;
  webDist: string;
  databaseUrl?: string;
}): Promise<ChildServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawnTs('apps/server/src/main.ts', {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    // Request logs would dominate a loopback benchmark; warnings and errors still show (on stderr).
    LOG_LEVEL: 'warn',
    DATA_DIR: opts.dataDir,
    DATABASE_URL: opts.databaseUrl,
    STRIPE_API_BASE: opts.emulatorUrl,
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    SESSION_SECRET,
    AUTH_TOKEN_SECRET: TOKEN_SECRET,
    WEB_DIST_DIR: opts.webDist,
    // The limiter stays on (its cost is part of every request), only its ceilings are lifted.
    RATE_LIMIT_PER_IP: '1000000000',
    RATE_LIMIT_PER_USER: '1000000000',
  });
  await waitReady(url, child, 90_000);
  return handle(url, child);
}

/** The reference: a bare Fastify JSON route, in its own process like the portal. */
export async function startBareFastify(): Promise<ChildServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawnTs('bench/bare-server.ts', { BENCH_BARE_PORT: String(port) });
  await waitReady(url, child, 30_000);
  return handle(url, child);
}
