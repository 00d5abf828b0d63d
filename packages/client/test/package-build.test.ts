import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };

/**
 * The package as it would be published: `pnpm build` (ESM library + type declarations), into a
 * folder of its own (the packaging e2e test may be running `pnpm pack`, which rebuilds dist/).
 */
const root = path.resolve(import.meta.dirname, '..');
const dist = mkdtempSync(path.join(tmpdir(), 'client-dist-'));
/** Where a publishConfig path (`./dist/…`) lands in this build. */
const built = (target: string) => path.join(dist, path.relative('dist', target));

beforeAll(() => {
  execFileSync(process.execPath, [path.join(root, 'build.mjs'), '--silent', '--out-dir', dist], { cwd: root });
}, 120_000);
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const importsOf = (code: string) =>
  [...code.matchAll(/(?:^|[;\s])(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(['"]([^'"]+)['"]\)/g)].map(
    (m) => m[1] ?? m[2]!,
  );

describe('the published package', () => {
  it('is ESM whose bare imports are only its declared dependencies and peers', () => {
    const allowed = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)];
    const files = readdirSync(dist).filter((f) => f.endsWith('.js'));
    const bare = new Set(
      files.flatMap((f) => importsOf(readFileSync(path.join(dist, f), 'utf8'))).filter((s) => !s.startsWith('.')),
    );
    expect(bare.size).toBeGreaterThan(0);
    for (const specifier of bare)
      expect(
        allowed.some((dep) => specifier === dep || specifier.startsWith(`${dep}/`)),
        specifier,
      ).toBe(true);
    expect([...bare].some((s) => s.startsWith('@portal/api') || s === 'stripe' || s === 'fastify')).toBe(false);
  });

  it('splits each locale catalog and the card form into their own chunks', () => {
    const files = readdirSync(dist);
    expect(files.some((f) => /^de-.*\.js$/.test(f))).toBe(true);
    expect(files.some((f) => /^add-card-dialog-.*\.js$/.test(f))).toBe(true);
    expect(readFileSync(path.join(dist, 'index.js'), 'utf8')).not.toContain('Kündigen');
  });

  it('ships every catalog precompiled to the AST, English too as a chunk of its own', () => {
    const catalogs = readdirSync(dist).filter(
      (f) => f.endsWith('.js') && /"overview\.title":/.test(readFileSync(path.join(dist, f), 'utf8')),
    );
    expect(catalogs).toHaveLength(48);
    expect(catalogs).not.toContain('index.js');
    for (const f of catalogs)
      expect(readFileSync(path.join(dist, f), 'utf8'), f).toMatch(/"overview\.title": \[\{\s*type: 0,/);
  });

  it('ships the files its publish exports map points at, with type declarations', () => {
    const exports = pkg.publishConfig.exports;
    for (const target of [exports['.'].types, exports['.'].import, exports['./styles.css']]) {
      expect(existsSync(built(target)), target).toBe(true);
    }
    const types = readFileSync(built(exports['.'].types), 'utf8');
    for (const name of ['BillingPortal', 'ManageBillingButton', 'createBillingClient', 'usePlanChange'])
      expect(types).toContain(name);
  });

  it('bundles self-contained declarations: the router and views inline, no @portal/* or server library to install', () => {
    const declarations = readdirSync(dist).filter((f) => f.endsWith('.d.ts'));
    expect(declarations).toEqual(expect.arrayContaining(['index.d.ts', 'sections.d.ts']));
    const allowed = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)];
    for (const file of declarations) {
      const code = readFileSync(path.join(dist, file), 'utf8');
      for (const specifier of importsOf(code).filter((s) => !s.startsWith('.'))) {
        expect(
          allowed.some((dep) => specifier === dep || specifier.startsWith(`${dep}/`)),
          `${file} imports ${specifier}`,
        ).toBe(true);
      }
      expect(code).not.toMatch(/reference types=|vite\/client/);
      for (const relative of importsOf(code).filter((s) => s.startsWith('./'))) {
        expect(existsSync(path.join(dist, relative.replace(/\.js$/, '.d.ts'))), `${file} imports ${relative}`).toBe(
          true,
        );
      }
    }
    // The router's procedures are spelled out, so RouterOutputs is typed rather than `any`.
    expect(readFileSync(path.join(dist, 'index.d.ts'), 'utf8')).toMatch(/previewChange/);
  });

  it('keeps the dialog primitive out of the entry chunk: the pause dialog arrives when opened', () => {
    const index = readFileSync(path.join(dist, 'index.js'), 'utf8');
    expect(index).not.toMatch(/@radix-ui\/react-dialog/);
    expect(readdirSync(dist).some((f) => /^pause-dialog-.*\.js$/.test(f))).toBe(true);
  });

  it("keeps <BillingPortal/>'s sections out of the entry chunk: each arrives when opened", () => {
    const index = readFileSync(path.join(dist, 'index.js'), 'utf8');
    for (const section of [
      'change-plan-section',
      'cancel-flow-section',
      'payment-methods-section',
      'pay-invoice-section',
      'invoices-section',
      'billing-details-section',
    ]) {
      const chunk = readdirSync(dist).find((f) => f.startsWith(`${section}-`) && f.endsWith('.js'));
      expect(chunk, section).toBeDefined();
      expect(index).toContain(`import("./${chunk}")`);
      expect(importsOf(index).filter((s) => s === `./${chunk}`)).toHaveLength(1);
    }
  });

  it('ships one stylesheet whose rules sit in the portal cascade layer, with the scoped reset', () => {
    const css = readFileSync(path.join(dist, 'styles.css'), 'utf8');
    expect(css).not.toContain('@import');
    expect(css.trimStart().replace(/^\/\*[\s\S]*?\*\/\s*/, '')).toMatch(/^@layer portal;/);
    expect(css).toMatch(/@layer portal\s*\{[\s\S]*\.bp-card\s*\{/);
    // The Radix controls' rules (primitives.css) are in the same layer: the controls are drawn.
    expect(css).toMatch(/@layer portal\s*\{[\s\S]*\.bp-radio-control\s*\{/);
    expect(css).toMatch(/@layer portal\s*\{[\s\S]*\.bp-dialog-overlay\s*\{/);
    expect(css).toMatch(/\.bp-root\.bp-root[\s\S]*all: revert-layer/);
  });
});
