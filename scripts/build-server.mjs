// `npm start`'s server build: bundles apps/server/src/main.ts with the workspace packages it imports
// (their `exports` point at TypeScript sources) into apps/server/dist/main.mjs, which plain `node`
// runs. Third-party packages stay external and load from node_modules as they are. Like the SPA's
// build, it runs only when what it is built from changed (a hash stored in dist/.build-hash) and
// reports in one line. Why rolldown, and not `tsc -b` or tsdown: docs/decisions/023-compiled-server.md.
// Usage: node scripts/build-server.mjs [--force]
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const server = path.join(root, 'apps/server');
const dist = path.join(server, 'dist');
const stamp = path.join(dist, '.build-hash');
const manifest = JSON.parse(readFileSync(path.join(server, 'package.json'), 'utf8'));
// Everything the bundle is made from; tests and build output are not.
const workspace = ['packages/api', 'packages/contract', 'packages/db', 'packages/stripe-emulator'];
const inputs = ['apps/server/src', 'apps/server/package.json', ...workspace, 'pnpm-lock.yaml', 'tsconfig.base.json', 'scripts/build-server.mjs'];
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

const packageName = (specifier) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
const builtins = new Set(builtinModules);
const isBuiltin = (specifier) => specifier.startsWith('node:') || builtins.has(packageName(specifier));

/**
 * Bundled modules still read files beside their sources (the emulator's schemas.json and Stripe.js
 * fragments, the SPA's dist next to apps/server): `import.meta.url` keeps naming the source file,
 * not the bundle, so those paths hold. dist/ lives in the checkout it was built from.
 */
const sourceImportMeta = {
  name: 'source-import-meta',
  transform(code, id) {
    if (id.includes('/node_modules/')) return null;
    if (/import\.meta\.(dirname|filename)/.test(code)) throw new Error(`${id}: use import.meta.url (the bundle rewrites it to the source file's)`);
    if (!code.includes('import.meta.url')) return null;
    const fromDist = path.relative(dist, id).split(path.sep).join('/');
    return { code: code.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromDist)}, import.meta.url).href`), map: null };
  },
};

async function build() {
  const { rolldown } = await import(pathToFileURL(createRequire(path.join(server, 'package.json')).resolve('rolldown')).href);
  const bundle = await rolldown({
    input: path.join(server, 'src/main.ts'),
    cwd: server,
    platform: 'node',
    // Workspace packages (@portal/*) are bundled; every other bare import stays an import.
    external: (id) => !id.startsWith('.') && !path.isAbsolute(id) && !id.startsWith('@portal/'),
    plugins: [sourceImportMeta],
    logLevel: 'warn',
  });
  try {
    rmSync(dist, { recursive: true, force: true });
    const { output } = await bundle.write({ dir: dist, format: 'esm', entryFileNames: 'main.mjs', chunkFileNames: '[name]-[hash].mjs', sourcemap: true });
    // A package the bundle imports must be the server's own dependency, or it is not there to load
    // (pnpm gives each package only what it declares) in a production install.
    const imported = new Set(output.flatMap((chunk) => chunk.imports ?? []).filter((id) => !isBuiltin(id) && !id.startsWith('.')).map(packageName));
    const undeclared = [...imported].filter((name) => !(name in (manifest.dependencies ?? {})));
    if (undeclared.length > 0) throw new Error(`the server bundle imports ${undeclared.join(', ')}: add them to apps/server/package.json dependencies`);
  } finally {
    await bundle.close();
  }
}

const current = fingerprint();
if (!process.argv.includes('--force') && existsSync(path.join(dist, 'main.mjs')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === current) {
  console.log(`  Server unchanged since its last build (${path.relative(root, dist)})`);
} else {
  const started = performance.now();
  await build();
  writeFileSync(stamp, current);
  console.log(`  Server built in ${((performance.now() - started) / 1000).toFixed(1)} s (${path.relative(root, dist)}/main.mjs)`);
}
