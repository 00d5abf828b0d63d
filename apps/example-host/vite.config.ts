import { portalMessages } from '@portal/client/vite-plugin';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react(), portalMessages({ dropParser: true })],
  build: { outDir: 'dist', target: 'es2022' },
});
