import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { childEnv, serverStartTimeoutMs } from './test-env';

const root = new URL('..', import.meta.url).pathname;

export interface PortalServer {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the real entry point in embedded mode on a free port with a fresh data folder, and waits
 * for the URL it prints. From source (`apps/server/src/main.ts` through tsx) by default, so a
 * journey tests the tree as it is; `compiled` runs what `npm start` runs: the server built by
 * scripts/build-server.mjs (skipped when unchanged), `node apps/server/dist/main.mjs`.
 */
export async function startPortal(
  extraEnv: Record<string, string> = {},
  { compiled = false } = {},
): Promise<PortalServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'portal-e2e-'));
  if (compiled) execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: root, stdio: 'pipe' });
  const entry = compiled ? ['apps/server/dist/main.mjs'] : ['--import', 'tsx', 'apps/server/src/main.ts'];
  const child: ChildProcess = spawn(process.execPath, entry, {
    cwd: root,
    env: { ...childEnv, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), serverStartTimeoutMs);
    const check = () => {
      const match = /Billing portal: (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** A loopback port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
