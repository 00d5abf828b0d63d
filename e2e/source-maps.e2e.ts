import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPortal, type PortalServer } from './portal-server';

// The SPA global-setup built exactly as `pnpm start` builds it (apps/web/vite.config.ts).
const assets = new URL('../apps/web/dist/assets/', import.meta.url).pathname;

let server: PortalServer;
beforeAll(async () => {
  server = await startPortal();
});
afterAll(() => server?.stop());

describe('source maps stay off the public server (#15 item 11)', () => {
  const scripts = () => readdirSync(assets).filter((f) => f.endsWith('.js'));

  it('ships no script that points at a source map', () => {
    expect(scripts().length).toBeGreaterThan(0);
    for (const file of scripts()) {
      expect(readFileSync(path.join(assets, file), 'utf8').includes('sourceMappingURL'), file).toBe(false);
    }
  });

  it('answers 404 for every script’s .map path on the running server, even to a browser', async () => {
    for (const file of scripts()) {
      const script = await fetch(`${server.url.replace(/\/$/, '')}/assets/${file}`);
      expect(script.status, file).toBe(200);
      for (const accept of ['*/*', 'text/html']) {
        const map = await fetch(`${server.url.replace(/\/$/, '')}/assets/${file}.map`, { headers: { accept } });
        expect(map.status, `${file}.map (${accept})`).toBe(404);
        expect(await map.text()).not.toContain('sourcesContent');
      }
    }
  });
});
