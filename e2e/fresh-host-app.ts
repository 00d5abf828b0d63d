import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { readFile } from 'node:fs/promises';

const repo = new URL('..', import.meta.url).pathname;

/** The version this workspace installed of a package, so the stranger's app uses the same majors. */
function workspaceVersion(name: string): string {
  for (const base of ['e2e/node_modules', 'node_modules']) {
    try {
      return (JSON.parse(readFileSync(path.join(repo, base, name, 'package.json'), 'utf8')) as { version: string })
        .version;
    } catch {
      // not installed there
    }
  }
  throw new Error(`${name} is not installed in the workspace`);
}

/** The system's temp folder, outside this repository even when TMPDIR points into it (pnpm does during pack). */
const outside = () => (path.resolve(tmpdir()).startsWith(repo) ? '/tmp' : tmpdir());

const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** `pnpm pack` of the client package (its prepack builds dist/), into a fresh folder. */
export function packClient(): string {
  const out = mkdtempSync(path.join(outside(), 'portal-pack-'));
  run('pnpm', ['pack', '--pack-destination', out], path.join(repo, 'packages/client'));
  const tarball = readdirSync(out).find((f) => f.endsWith('.tgz'));
  if (!tarball) throw new Error(`pnpm pack left no tarball in ${out}`);
  return path.join(out, tarball);
}

/**
 * A fresh Vite React app outside the workspace (fixtures/fresh-vite-app: Vite's react-ts template
 * with its global index.css, skipLibCheck off), with the tarball and its peers installed by npm.
 * npm keeps its cache under ~/.cache, so a rerun on the same machine installs from disk.
 */
export function createHostApp(tarball: string): string {
  const dir = mkdtempSync(path.join(outside(), 'portal-host-app-'));
  cpSync(new URL('./fixtures/fresh-vite-app/', import.meta.url).pathname, dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify(
      { name: 'host-app', private: true, version: '0.0.0', type: 'module', scripts: { build: 'tsc -b && vite build' } },
      null,
      2,
    ),
  );
  const devTools = ['vite', '@vitejs/plugin-react', 'typescript', '@types/react', '@types/react-dom', '@types/node'];
  const npm = [
    '--no-audit',
    '--no-fund',
    '--prefer-offline',
    '--loglevel=error',
    `--cache=${path.join(homedir(), '.cache', 'portal-e2e-npm')}`,
  ];
  run(
    'npm',
    ['install', ...npm, tarball, `react@${workspaceVersion('react')}`, `react-dom@${workspaceVersion('react-dom')}`],
    dir,
  );
  run('npm', ['install', ...npm, '--save-dev', ...devTools.map((name) => `${name}@${workspaceVersion(name)}`)], dir);
  return dir;
}

export interface HostServer {
  url: string;
  close(): Promise<void>;
}

/** The host's backend: its built SPA (every unknown path is the SPA) and `/session` with a token. */
export function serveHostApp(
  dist: string,
  session: () => Promise<{ token: string; portalUrl: string }>,
): Promise<HostServer> {
  const types: Record<string, string> = {
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.html': 'text/html',
    '.svg': 'image/svg+xml',
  };
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://host');
    if (url.pathname === '/session') {
      res.setHeader('content-type', 'application/json');
      return res.end(JSON.stringify(await session()));
    }
    const file = path.join(dist, path.normalize(url.pathname));
    const asset = url.pathname.startsWith('/assets/') && file.startsWith(dist);
    try {
      const body = await readFile(asset ? file : path.join(dist, 'index.html'));
      res.setHeader('content-type', types[path.extname(asset ? file : 'index.html')] ?? 'application/octet-stream');
      res.end(body);
    } catch {
      res.statusCode = 404;
      res.end('not found');
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

export { run };
