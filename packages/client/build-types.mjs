// Type declarations for publishing: tsc emits declarations for the package and the workspace
// packages it uses (the router's types live in @portal/api, the views in @portal/contract), then
// rollup-plugin-dts bundles them into dist/index.d.ts and dist/sections.d.ts with no import of
// @portal/*. Server-only libraries the router's context mentions resolve to types/server-only.d.ts.
// tRPC's declarations are inlined too (only what the package's types use): its own entry points
// also declare the Node HTTP and WebSocket adapters and `Disposable`, which a browser app's tsconfig
// lacks, so a host typechecking without skipLibCheck would fail on tRPC's files, not on ours.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { rollup } from 'rollup';
import { dts } from 'rollup-plugin-dts';

const serverOnly = ['stripe', 'kysely'];

export async function bundleTypes(root, outDir = path.join(root, 'dist')) {
  // Not in the system's temp folder: pnpm points TMPDIR into node_modules during `pnpm pack`, and
  // rollup-plugin-dts leaves every file under node_modules external instead of bundling it.
  const emitted = mkdtempSync(path.join(root, '.types-'));
  try {
    await emitAndBundle(root, emitted, outDir);
  } finally {
    rmSync(emitted, { recursive: true, force: true });
  }
}

async function emitAndBundle(root, emitted, outDir) {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.types.json', '--outDir', emitted], {
    cwd: root,
    stdio: 'inherit',
  });

  // tsc mirrors the repository's layout (rootDir is the workspace root).
  const workspace = (pkg) => path.join(emitted, 'packages', pkg, 'src');
  const bundle = await rollup({
    input: {
      index: path.join(workspace('client'), 'index.d.ts'),
      sections: path.join(workspace('client'), 'sections.d.ts'),
    },
    plugins: [
      {
        name: 'portal-workspace-types',
        resolveId(id) {
          if (id.startsWith('@portal/')) return path.join(workspace(id.slice('@portal/'.length)), 'index.d.ts');
          if (serverOnly.includes(id)) return path.join(root, 'types/server-only.d.ts');
          return null;
        },
      },
      dts({ respectExternal: true }),
    ],
    external: (id) =>
      !id.startsWith('.') &&
      !path.isAbsolute(id) &&
      !id.startsWith('@portal/') &&
      !serverOnly.includes(id) &&
      !id.startsWith('@trpc/'),
    onwarn(warning, warn) {
      // The stand-ins must cover every name imported from them; anything else a warning names is a defect too.
      throw new Error(`type bundle: ${warning.message}`, { cause: warn });
    },
  });
  await bundle.write({ dir: outDir, format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: 'types-[hash].d.ts' });
  await bundle.close();
}
