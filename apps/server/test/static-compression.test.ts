import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSpa } from '../../web/spa-build';
import { testApp } from './harness';

// The SPA as `npm start` builds and serves it: a first visit should move the gzipped/brotli bytes
// the bundle budget counts, not the raw ones (#16.20).
const dist = mkdtempSync(path.join(tmpdir(), 'spa-compressed-'));
let app: FastifyInstance;
let entry: string;

beforeAll(async () => {
  const build = await buildSpa(dist);
  entry = `/${build.manifest[build.entryKey]!.file}`;
  ({ app } = await testApp({ WEB_DIST_DIR: dist }));
}, 120_000);
afterAll(async () => {
  await app?.close();
  rmSync(dist, { recursive: true, force: true });
});

const get = (url: string, acceptEncoding?: string) =>
  app.inject({
    method: 'GET',
    url,
    headers: { accept: 'text/html,*/*', ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) },
  });

describe('static assets, precompressed at build time', () => {
  it('answers brotli to a browser that accepts it, and the bytes are the built file', async () => {
    const original = readFileSync(path.join(dist, entry));
    const res = await get(entry, 'gzip, deflate, br, zstd');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.rawPayload.length).toBeLessThan(original.length / 2.5);
    expect(brotliDecompressSync(res.rawPayload).equals(original)).toBe(true);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers gzip when brotli is not accepted', async () => {
    const res = await get(entry, 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(res.rawPayload).equals(readFileSync(path.join(dist, entry)))).toBe(true);
  });

  it('answers the file as it is without Accept-Encoding', async () => {
    const res = await get(entry);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.rawPayload.equals(readFileSync(path.join(dist, entry)))).toBe(true);
  });

  it('compresses index.html on every route the SPA answers, and keeps it re-checked', async () => {
    for (const url of ['/', '/billing/invoices']) {
      const res = await get(url, 'br');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(brotliDecompressSync(res.rawPayload).toString()).toContain('<div id="root">');
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });
});
