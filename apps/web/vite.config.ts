import { portalMessages } from '@portal/client/vite-plugin';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './precompress.js';
import { preloadInHtml } from './preload.js';

// In development Vite serves the SPA and forwards API calls to the server (pnpm dev starts both).
const api = `http://127.0.0.1:${process.env.PORTAL_API_PORT ?? '3000'}`;

export default defineConfig({
  // The shell's typeface (Inter, self-hosted): its Latin subset is preloaded with the HTML; the English
  // catalogue downloads beside the entry script.
  plugins: [
    react(),
    portalMessages({ dropParser: true }),
    preloadInHtml({ fonts: ['inter-latin-wght-normal.woff2'], modules: ['/i18n/messages/en.json'] }),
    precompress(),
  ],
  server: {
    port: 5173,
    proxy: { '/trpc': api, '/auth': api, '/api': api, '/webhooks': api },
  },
  build: {
    outDir: 'dist',
    // Maps are written for whoever deploys (error tracking uploads) but not referenced from the
    // scripts; the server never serves `.map` files either (apps/server/src/plugins/spa.ts).
    sourcemap: 'hidden',
    // Brotli at its highest level takes seconds by design (paid once per build, see precompress.js):
    // not worth Rolldown's slow-plugin report on every build.
    rolldownOptions: {
      checks: { bundlerTimings: false },
      // Everything the entry imports statically goes into the entry's one file. Left to itself the
      // bundler splits out what the lazy screens share with it (ten files of 0.4–16 KB): over
      // HTTP/1.1 a browser opens six connections per host, so on a first visit the first screen's
      // data request waited behind those files for a connection (decision 022).
      output: { codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] } },
    },
  },
});
