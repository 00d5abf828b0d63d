// `npm start`'s build step: builds the SPA only when what it is built from changed since the last
// build, and reports in one line instead of Vite's list of every chunk. The fingerprint (a hash of
// the sources and the lockfile) is stored beside the build, in apps/web/dist/.build-hash.
// Usage: node scripts/build-spa.mjs [outDir]   (default apps/web/dist)
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildStamp, root } from './build-fingerprint.mjs';

const web = path.join(root, 'apps/web');
const dist = path.resolve(process.argv[2] ?? path.join(web, 'dist'));
// Everything the SPA bundle is made from; tests and build output are not.
const inputs = [
  'apps/web',
  'packages/client/src',
  'packages/client/vite-plugin.js',
  'packages/contract/src',
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
];
const previous = buildStamp(dist, inputs, 'index.html');
if (previous.upToDate) {
  console.log(`  SPA unchanged since its last build (${path.relative(root, dist)})`);
} else {
  const started = performance.now();
  // Vite decides "production" from NODE_ENV (React's production runtime); `npm start` serves that.
  process.env.NODE_ENV = 'production';
  const { build } = await import(pathToFileURL(createRequire(path.join(web, 'package.json')).resolve('vite')).href);
  await build({ root: web, logLevel: 'warn', mode: 'production', build: { outDir: dist, emptyOutDir: true } });
  previous.save();
  const assets = readdirSync(path.join(dist, 'assets')).filter((f) => !/\.(br|gz|map)$/.test(f));
  console.log(
    `  SPA built in ${((performance.now() - started) / 1000).toFixed(1)} s (${assets.length} assets, precompressed, in ${path.relative(root, dist)})`,
  );
}
