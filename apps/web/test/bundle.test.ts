import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSpa, type SpaBuild } from '../spa-build';

/**
 * The SPA's first load, measured as `pnpm bench` does (both use ../spa-build.ts): the entry chunk
 * and everything it imports statically, gzipped. Issue 8's budget is 110 KB of JavaScript.
 */
const outDir = mkdtempSync(path.join(tmpdir(), 'web-bundle-'));
let spa: SpaBuild;
const code = (key: string) => readFileSync(path.join(outDir, spa.manifest[key]!.file), 'utf8');
const englishKey = () => Object.keys(spa.manifest).find((k) => k.endsWith('i18n/messages/en.json'))!;

beforeAll(async () => {
  spa = await buildSpa(outDir);
}, 120_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("the SPA's first load", () => {
  it('is within 110 KB of JavaScript, gzipped', () => {
    const bytes = [...spa.initial].reduce((sum, key) => sum + gzipSync(code(key), { level: 9 }).length, 0);
    expect(bytes / 1024).toBeLessThanOrEqual(110);
  });

  it('is one script and one stylesheet: over HTTP/1.1 each further file holds one of six connections the first data request waits for', () => {
    expect([...spa.initial]).toEqual([spa.entryKey]);
    expect(spa.manifest[spa.entryKey]!.css).toHaveLength(1);
  });

  it('carries neither Stripe.js nor the payment screens', () => {
    for (const key of spa.initial) {
      expect(key).not.toMatch(/stripe|payment|add-card|pay-invoice/i);
      expect(code(key)).not.toContain('js.stripe.com');
    }
  });

  it('bundles no ICU parser: every message is precompiled to the AST', () => {
    for (const key of Object.keys(spa.manifest).filter((k) => spa.manifest[k]!.file.endsWith('.js'))) {
      expect(code(key), key).not.toContain('EXPECT_ARGUMENT_CLOSING_BRACE');
    }
    expect(code(englishKey())).toMatch(/"overview\.title":\[\{type:0,value:/);
  });

  it('preloads the Latin subset of its self-hosted typeface from the HTML', () => {
    const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
    const preload =
      /<link rel="preload" as="font" type="font\/woff2" crossorigin(?:="")? href="\/(assets\/inter-latin-wght-normal-[\w-]+\.woff2)">/.exec(
        html,
      );
    expect(preload, html).not.toBeNull();
    expect(readFileSync(path.join(outDir, preload![1]!)).length).toBeGreaterThan(10_000);
  });

  it('fetches the English catalog from the entry, outside the initial files, announced by the HTML', () => {
    expect(spa.initial.has(englishKey())).toBe(false);
    const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
    expect(html).toContain(`<link rel="modulepreload" crossorigin href="/${spa.manifest[englishKey()]!.file}">`);
    // Imported by the entry itself (when it runs, in parallel with the session check), not by a lazy chunk.
    expect(spa.manifest[spa.entryKey]!.dynamicImports).toContain(englishKey());
  });

  it("pays the page's first Intl call (ICU's data load) in the boot script, after the data request, off the parser", () => {
    const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
    const boot = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const fetchAt = boot.indexOf('fetch(');
    const warmAt = boot.search(/setTimeout\(function \(\) \{\s*new Intl\.NumberFormat\(/);
    expect(fetchAt, boot).toBeGreaterThan(-1);
    expect(warmAt, boot).toBeGreaterThan(fetchAt);
  });
});
