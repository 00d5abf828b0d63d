import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// #18: production runs compiled JavaScript (docs/decisions/023-compiled-server.md). This builds the
// bundle `npm start` runs into a scratch folder, checks what went into it, and runs it with plain
// node: no TypeScript loader, the emulator reading its files beside its sources, the failure envelope.
const repo = path.resolve(import.meta.dirname, '../../..');
// Inside apps/server (under the ignored dist/), as the real build: its imports resolve from there.
mkdirSync(path.join(repo, 'apps/server/dist'), { recursive: true });
const out = mkdtempSync(path.join(repo, 'apps/server/dist/check-'));
const dataDir = mkdtempSync(path.join(tmpdir(), 'server-bundle-data-'));
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

const manifest = JSON.parse(readFileSync(path.join(repo, 'apps/server/package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};
const report = () =>
  JSON.parse(execFileSync(process.execPath, ['scripts/server-bundle.mjs', out], { cwd: repo, encoding: 'utf8' })) as {
    modules: string[];
    imported: string[];
  };

/** Runs the bundle until its banner names the portal's and the emulator's URLs. */
async function runBundle(): Promise<{ url: string; emulatorUrl: string; stop: () => void }> {
  const child = spawn(process.execPath, [path.join(out, 'main.mjs')], {
    cwd: repo,
    env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', WEB_DIST_DIR: '/nonexistent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr.on('data', (d) => (output += d));
  const [url, emulatorUrl] = await new Promise<[string, string]>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      output += d;
      const portal = /Billing portal: (http:\/\/\S+)/.exec(output)?.[1];
      const emulator = /embedded emulator at (http:\/\/[^\s;]+)/.exec(output)?.[1];
      if (portal && emulator) resolve([portal, emulator]);
    });
    child.once('exit', (code) => reject(new Error(`the bundle exited with ${code}:\n${output}`)));
  });
  return { url, emulatorUrl, stop: () => void child.kill('SIGTERM') };
}

describe('the compiled server', () => {
  it('bundles the server and the workspace packages, never the test harness, and imports only declared packages', () => {
    const { modules, imported } = report();
    expect(modules).toContain('apps/server/src/main.ts');
    expect(modules.some((m) => m.startsWith('packages/api/src/'))).toBe(true);
    expect(modules.filter((m) => m.startsWith('apps/server/test/') || m.includes('node_modules'))).toEqual([]);
    expect(imported).not.toContain('tsx');
    expect(imported.filter((name) => !(name in manifest.dependencies))).toEqual([]);
  }, 120_000);

  it('runs with plain node: ready, and refusing bad input with the failure envelope', async () => {
    const server = await runBundle();
    try {
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(200);
      const login = await fetch(`${server.url}/auth/demo/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(login.status).toBe(400);
      expect(await login.json()).toEqual({
        success: false,
        error: { code: 'BAD_REQUEST', message: expect.any(String) },
      });
      // The emulator's Stripe.js stand-in is read from files beside its sources, not the bundle.
      const stripeJs = await fetch(`${server.emulatorUrl}/v3/stripe.js`);
      expect(stripeJs.status).toBe(200);
      expect(await stripeJs.text()).toMatch(/Stripe/);
    } finally {
      server.stop();
    }
  }, 180_000);
});
