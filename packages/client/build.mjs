// `pnpm build`: the publishable package — ESM library (Vite, per vite.config.ts), the stylesheet,
// and type declarations.
import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { build } from 'vite';

const root = import.meta.dirname;
await build({ root, logLevel: process.argv.includes('--silent') ? 'silent' : 'warn' });
copyFileSync(new URL('./src/styles.css', import.meta.url), new URL('./dist/styles.css', import.meta.url));
execFileSync(process.execPath, [createRequire(import.meta.url).resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
