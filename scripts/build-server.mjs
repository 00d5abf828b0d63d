// `npm start`'s server build: apps/server/dist/main.mjs (scripts/server-bundle.mjs). Like the SPA's
// build, it runs only when what it is built from changed (a hash stored in dist/.build-hash) and
// reports in one line. Why rolldown, and not `tsc -b` or tsdown: docs/decisions/023-compiled-server.md.
// Usage: node scripts/build-server.mjs [--force]
import path from 'node:path';
import { buildStamp, root } from './build-fingerprint.mjs';
import { bundleServer, defaultOutDir as dist } from './server-bundle.mjs';

// Everything the bundle is made from; tests and build output are not.
const workspace = ['packages/api', 'packages/contract', 'packages/db', 'packages/stripe-emulator'];
const inputs = [
  'apps/server/src',
  'apps/server/package.json',
  ...workspace,
  'pnpm-lock.yaml',
  'tsconfig.base.json',
  'scripts/build-server.mjs',
  'scripts/server-bundle.mjs',
];
const previous = buildStamp(dist, inputs, 'main.mjs');
if (!process.argv.includes('--force') && previous.upToDate) {
  console.log(`  Server unchanged since its last build (${path.relative(root, dist)})`);
} else {
  const started = performance.now();
  await bundleServer(dist);
  previous.save();
  console.log(
    `  Server built in ${((performance.now() - started) / 1000).toFixed(1)} s (${path.relative(root, dist)}/main.mjs)`,
  );
}
