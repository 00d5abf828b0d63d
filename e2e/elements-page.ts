import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { build } from 'vite';

const fixture = new URL('./fixtures/elements-page/', import.meta.url).pathname;
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
};

export interface ElementsPage {
  /**
   * Page URL for a client secret. `flow: 'deferred'` creates Elements without the secret;
   * `kind: 'payment'` confirms a PaymentIntent secret with confirmPayment.
   */
  url(params: {
    pk: string;
    secret: string;
    flow?: 'deferred';
    kind?: 'payment';
    redirect?: 'always';
    action?: 'next';
  }): string;
  close(): Promise<void>;
}

/**
 * Builds the fixture page with Vite and serves it on its own loopback port, so the page and the
 * emulator are different origins (as the SPA and the emulator are). The script tag of the
 * emulator's Stripe.js goes into the page's head when served, ahead of the app bundle.
 */
export async function startElementsPage(emulatorUrl: string): Promise<ElementsPage> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'elements-page-'));
  await build({
    root: fixture,
    configFile: false,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    build: { outDir, emptyOutDir: true },
  });
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://page.local').pathname;
    const file = path.join(outDir, pathname === '/' ? 'index.html' : path.normalize(pathname));
    if (!file.startsWith(outDir)) {
      res.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (content) => {
        const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
        const body = file.endsWith('index.html')
          ? content
              .toString('utf8')
              .replace('<!-- STRIPE_JS', `<script src="${emulatorUrl}/v3/stripe.js"></script><!--`)
          : content;
        res.writeHead(200, { 'content-type': type }).end(body);
      },
      () => res.writeHead(404).end('not found'),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url: (params) =>
      `${base}?${new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined)).toString()}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
