import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// `npm start`'s build step (scripts/build-spa.mjs): one line, and no rebuild of an unchanged SPA (#16.16).
const repo = path.resolve(import.meta.dirname, '../../..');
const outDir = mkdtempSync(path.join(tmpdir(), 'spa-start-build-'));
const buildStep = () =>
  execFileSync(process.execPath, ['scripts/build-spa.mjs', outDir], {
    cwd: repo,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("npm start's SPA build", () => {
  it('builds once in one line, then skips the build while the sources are unchanged', () => {
    const first = buildStep();
    expect(first.trim().split('\n')).toHaveLength(1);
    expect(first).toMatch(/SPA built in [\d.]+ s/);
    const index = path.join(outDir, 'index.html');
    const builtAt = readFileSync(index, 'utf8');
    expect(existsSync(`${index}.br`)).toBe(true);

    writeFileSync(index, `${builtAt}<!-- untouched -->`);
    expect(buildStep().trim()).toMatch(/^SPA unchanged since its last build/);
    expect(readFileSync(index, 'utf8')).toContain('<!-- untouched -->');
  }, 120_000);

  it('rebuilds when what the SPA is built from changed (its fingerprint differs)', () => {
    writeFileSync(path.join(outDir, '.build-hash'), 'a fingerprint of other sources');
    expect(buildStep()).toMatch(/SPA built in/);
    expect(readFileSync(path.join(outDir, 'index.html'), 'utf8')).not.toContain('<!-- untouched -->');
  }, 120_000);
});
