// The server's production bundle (docs/decisions/023-compiled-server.md): apps/server/src/main.ts
// with the workspace packages it imports, which plain `node` runs. Third-party packages stay
// external and load from node_modules as they are. scripts/build-server.mjs writes it for
// `npm start`; apps/server/test/compiled-entry.test.ts checks what goes into it.
import { readFileSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..');
const server = path.join(root, 'apps/server');
export const defaultOutDir = path.join(server, 'dist');

const packageName = (specifier) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
const builtins = new Set(builtinModules);
const isBuiltin = (specifier) => specifier.startsWith('node:') || builtins.has(packageName(specifier));

/**
 * Bundled modules still read files beside their sources (the emulator's schemas.json and Stripe.js
 * fragments, the SPA's dist next to apps/server): `import.meta.url` keeps naming the source file,
 * not the bundle, so those paths hold. dist/ lives in the checkout it was built from.
 */
const sourceImportMeta = (outDir) => ({
  name: 'source-import-meta',
  transform(code, id) {
    if (id.includes('/node_modules/')) return null;
    if (/import\.meta\.(dirname|filename)/.test(code))
      throw new Error(`${id}: use import.meta.url (the bundle rewrites it to the source file's)`);
    if (!code.includes('import.meta.url')) return null;
    const fromOut = path.relative(outDir, id).split(path.sep).join('/');
    return {
      code: code.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromOut)}, import.meta.url).href`),
      map: null,
    };
  },
});

/**
 * Writes the bundle to `outDir` (emptied first) and answers the bundled source files and the
 * packages it imports. Fails if it imports a package that is not a dependency of apps/server.
 */
export async function bundleServer(outDir = defaultOutDir) {
  const manifest = JSON.parse(readFileSync(path.join(server, 'package.json'), 'utf8'));
  const { rolldown } = await import(
    pathToFileURL(createRequire(path.join(server, 'package.json')).resolve('rolldown')).href
  );
  const bundle = await rolldown({
    input: path.join(server, 'src/main.ts'),
    cwd: server,
    platform: 'node',
    // Workspace packages (@portal/*) are bundled; every other bare import stays an import.
    external: (id) => !id.startsWith('.') && !path.isAbsolute(id) && !id.startsWith('@portal/'),
    plugins: [sourceImportMeta(outDir)],
    logLevel: 'warn',
  });
  try {
    rmSync(outDir, { recursive: true, force: true });
    const { output } = await bundle.write({
      dir: outDir,
      format: 'esm',
      entryFileNames: 'main.mjs',
      chunkFileNames: '[name]-[hash].mjs',
      sourcemap: true,
    });
    // A package the bundle imports must be the server's own dependency, or it is not there to load
    // (pnpm gives each package only what it declares) in a production install.
    const imported = new Set(
      output
        .flatMap((chunk) => chunk.imports ?? [])
        .filter((id) => !isBuiltin(id) && !id.startsWith('.'))
        .map(packageName),
    );
    const undeclared = [...imported].filter((name) => !(name in (manifest.dependencies ?? {})));
    if (undeclared.length > 0)
      throw new Error(
        `the server bundle imports ${undeclared.join(', ')}: add them to apps/server/package.json dependencies`,
      );
    const modules = output.flatMap((chunk) => chunk.moduleIds ?? []).map((id) => path.relative(root, id));
    return { modules, imported: [...imported].sort() };
  } finally {
    await bundle.close();
  }
}

// `node scripts/server-bundle.mjs <outDir>`: writes the bundle there and prints what went into it
// as JSON (the test's view of the build; `npm start` uses scripts/build-server.mjs).
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  console.log(JSON.stringify(await bundleServer(path.resolve(process.argv[2] ?? defaultOutDir))));
}
