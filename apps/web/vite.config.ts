import { portalMessages } from '@portal/client/vite-plugin';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development Vite serves the SPA and forwards API calls to the server (pnpm dev starts both).
const api = `http://127.0.0.1:${process.env.PORTAL_API_PORT ?? '3000'}`;

export default defineConfig({
  plugins: [react(), portalMessages({ dropParser: true })],
  server: {
    port: 5173,
    proxy: { '/trpc': api, '/auth': api, '/api': api, '/webhooks': api },
  },
  // Maps are written for whoever deploys (error tracking uploads) but not referenced from the
  // scripts; the server never serves `.map` files either (apps/server/src/plugins/spa.ts).
  build: { outDir: 'dist', sourcemap: 'hidden' },
});
