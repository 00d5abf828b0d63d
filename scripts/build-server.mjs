// `npm start`'s server build: apps/server/dist/main.mjs (scripts/server-bundle.mjs). Like the SPA's
// build, it runs only when what it is built from changed (a hash stored in dist/.build-hash) and
// reports in one line. Why rolldown, and not `tsc -b` or tsdown: docs/decisions/023-compiled-server.md.
// Usage: node scripts/build-server.mjs [--force]
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleServer, defaultOutDir as dist } from './server-bundle.mjs';

const root = path.resolve(import.meta.dirname, '..');
const stamp = path.join(dist, '.build-hash');
// Everything the bundle is made from; tests and build output are not.
const workspace = ['packages/api', 'packages/contract', 'packages/db', 'packages/stripe-emulator'];
const inputs = ['apps/server/src', 'apps/server/package.json', ...workspace, 'pnpm-lock.yaml', 'tsconfig.base.json', 'scripts/build-server.mjs', 'scripts/server-bundle.mjs'];
const skipped = new Set(['node_modules', 'dist', 'test']);

function files(relative) {
  const full = path.join(root, relative);
  if (!statSync(full).isDirectory()) return [relative];
  return readdirSync(full)
    .filter((name) => !skipped.has(name))
    .flatMap((name) => files(path.join(relative, name)));
}

function fingerprint() {
  const hash = createHash('sha256');
  for (const file of inputs.flatMap(files).sort()) hash.update(file).update('\0').update(readFileSync(path.join(root, file))).update('\0');
  return hash.digest('hex');
}

const current = fingerprint();
if (!process.argv.includes('--force') && existsSync(path.join(dist, 'main.mjs')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === current) {
  console.log(`  Server unchanged since its last build (${path.relative(root, dist)})`);
} else {
  const started = performance.now();
  await bundleServer(dist);
  writeFileSync(stamp, current);
  console.log(`  Server built in ${((performance.now() - started) / 1000).toFixed(1)} s (${path.relative(root, dist)}/main.mjs)`);
}
