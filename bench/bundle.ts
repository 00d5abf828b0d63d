import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSpa, type ManifestChunk } from '../apps/web/spa-build';

export interface BundleResult {
  initialJsGzipKb: number;
  initialCssGzipKb: number;
  initialFiles: string[];
  /** Lazy chunks by what they hold, gzipped KB (loaded only on the screens that need them). */
  lazyGzipKb: Record<string, number>;
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** Lazy chunks grouped by what the issue asks to keep off the first screen. */
function groupOf(key: string, chunk: ManifestChunk): string {
  const id = `${key} ${chunk.src ?? ''} ${chunk.name ?? ''}`;
  if (/stripe|add-card|pay-invoice|payment/i.test(id)) return 'stripe (Stripe.js, @stripe/*, payment screens)';
  if (/spend|chart/i.test(id)) return 'spend chart';
  if (/support|audit/i.test(id)) return 'support console';
  // Lazy, but its download starts when the entry runs (in parallel with the session check): the
  // first screen's text and every locale's fallback (packages/client/src/i18n/load-messages.ts).
  if (/messages\/en\.json/.test(id)) return 'English catalog (fetched at start, in parallel)';
  if (/messages|i18n|locale|\/(de|fr|es|ja|ko|it|nl|pt|en-[A-Z]{2})[-.]/i.test(id)) return 'locale catalogs';
  return 'other screens';
}

/** A production build of apps/web into `outDir` (the same one the bundle budget test makes), measured. */
export async function buildAndMeasure(outDir: string): Promise<BundleResult> {
  const { manifest, initial } = await buildSpa(outDir);
  const gz = (file: string) => gzipSync(readFileSync(path.join(outDir, file)), { level: 9 }).length;
  const initialChunks = [...initial].map((k) => manifest[k]!);
  const cssFiles = new Set(initialChunks.flatMap((c) => c.css ?? []));

  const lazy: Record<string, number> = {};
  for (const [key, chunk] of Object.entries(manifest)) {
    if (initial.has(key) || !chunk.file.endsWith('.js')) continue;
    const group = groupOf(key, chunk);
    lazy[group] = kb((lazy[group] ?? 0) * 1024 + gz(chunk.file));
  }
  return {
    initialJsGzipKb: kb(initialChunks.reduce((sum, c) => sum + gz(c.file), 0)),
    initialCssGzipKb: kb([...cssFiles].reduce((sum, f) => sum + gz(f), 0)),
    initialFiles: initialChunks.map((c) => c.file),
    lazyGzipKb: lazy,
  };
}
