// `pnpm build` (and `pnpm pack`, through prepack): the publishable package in dist/ — the ESM
// library (Vite, per vite.config.ts), one stylesheet, and type declarations bundled into
// self-contained files (build-types.mjs).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, preprocessCSS, resolveConfig } from 'vite';
import { bundleTypes } from './build-types.mjs';

const root = import.meta.dirname;
const silent = process.argv.includes('--silent');
// `--out-dir DIR` (tests): build elsewhere than dist/, which `pnpm pack` may be packing meanwhile.
const outDirArg = process.argv.indexOf('--out-dir');
const outDir = path.resolve(outDirArg === -1 ? path.join(root, 'dist') : process.argv[outDirArg + 1]);
await build({ root, logLevel: silent ? 'silent' : 'warn', build: { outDir } });

// portal.css imports styles.css into the `portal` layer; hosts get it as one flat file.
const entry = new URL('./src/portal.css', import.meta.url).pathname;
const config = await resolveConfig({ root, logLevel: 'silent' }, 'build');
const { code: css } = await preprocessCSS(readFileSync(entry, 'utf8'), entry, config);
writeFileSync(path.join(outDir, 'styles.css'), css);

await bundleTypes(root, outDir);
