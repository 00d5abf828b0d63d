import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/** One chunk of Vite's build manifest (`.vite/manifest.json`). */
export interface ManifestChunk {
  file: string;
  src?: string;
  name?: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export interface SpaBuild {
  manifest: Record<string, ManifestChunk>;
  entryKey: string;
  /** The entry and everything it imports statically: what the browser fetches before first paint. */
  initial: Set<string>;
}

const webDir = path.dirname(fileURLToPath(import.meta.url));

/**
 * A production build of the SPA into `outDir`, as users get it, read from its manifest; shared by
 * the bundle budget test and `pnpm bench`. Vite and the React plugin decide "production" from the
 * process's NODE_ENV (under Vitest it is "test", which gives React's development JSX runtime), so
 * it is set for the build and put back after it.
 */
/* eslint-disable no-restricted-properties -- sets NODE_ENV for one build (Vite reads it there); reads no configuration */
export async function buildSpa(outDir: string): Promise<SpaBuild> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: webDir,
      configFile: path.join(webDir, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, manifest: true, sourcemap: false },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  /* eslint-enable no-restricted-properties */
  const manifest = JSON.parse(readFileSync(path.join(outDir, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const entryKey = Object.keys(manifest).find((key) => manifest[key]!.isEntry);
  if (!entryKey) throw new Error('the SPA build has no entry chunk');
  const initial = new Set<string>();
  const visit = (key: string) => {
    if (initial.has(key) || !manifest[key]) return;
    initial.add(key);
    for (const next of manifest[key].imports ?? []) visit(next);
  };
  visit(entryKey);
  return { manifest, entryKey, initial };
}
