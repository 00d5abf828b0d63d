import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import pkg from './package.json' with { type: 'json' };
import { portalMessages } from './vite-plugin.js';

// The library build for publishing: ESM, dependencies and peers left to the host's bundler
// (@portal/contract, unpublished, is bundled in), lazy sections and each locale catalog as their own
// chunks, catalogs precompiled to FormatJS's AST (so a host may alias the ICU parser away, see README).
const external = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)];

export default defineConfig({
  plugins: [react(), portalMessages()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    lib: { entry: { index: 'src/index.ts', sections: 'src/sections.ts' }, formats: ['es'] },
    rollupOptions: {
      external: (id) => external.some((dep) => id === dep || id.startsWith(`${dep}/`)),
    },
    cssCodeSplit: false,
  },
});
