// `pnpm build` (and `pnpm pack`, through prepack): the publishable package in dist/ — the ESM
// library (Vite, per vite.config.ts), one stylesheet, and type declarations bundled into
// self-contained files (build-types.mjs).
import { readFileSync, writeFileSync } from 'node:fs';
import { build, preprocessCSS, resolveConfig } from 'vite';
import { bundleTypes } from './build-types.mjs';

const root = import.meta.dirname;
const silent = process.argv.includes('--silent');
await build({ root, logLevel: silent ? 'silent' : 'warn' });

// portal.css imports styles.css into the `portal` layer; hosts get it as one flat file.
const entry = new URL('./src/portal.css', import.meta.url).pathname;
const config = await resolveConfig({ root, logLevel: 'silent' }, 'build');
const { code: css } = await preprocessCSS(readFileSync(entry, 'utf8'), entry, config);
writeFileSync(new URL('./dist/styles.css', import.meta.url), css);

await bundleTypes(root);
