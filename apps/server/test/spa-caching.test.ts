import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from './harness';

const dist = mkdtempSync(path.join(tmpdir(), 'spa-dist-'));
let app: FastifyInstance;
beforeAll(async () => {
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Billing</title>');
  writeFileSync(path.join(dist, 'assets', 'index-Ab12Cd34.js'), 'console.log(1)');
  writeFileSync(path.join(dist, 'assets', 'index-Ab12Cd34.js.map'), '{"sourcesContent":["secret source"]}');
  writeFileSync(path.join(dist, 'favicon.svg'), '<svg/>');
  ({ app } = await testApp({ WEB_DIST_DIR: dist }));
});
afterAll(async () => {
  await app?.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the SPA is cached as its files allow', () => {
  it('lets the browser keep content-hashed assets for good', async () => {
    const res = await app.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('re-checks index.html and unhashed files on every visit, so a deploy shows at once', async () => {
    for (const url of ['/', '/billing/plan', '/favicon.svg']) {
      const res = await app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
  });
});

describe('source maps left in the folder are never served (#15 item 11)', () => {
  it('answers 404 for a .map file that exists, to scripts and browsers alike', async () => {
    for (const accept of ['*/*', 'text/html']) {
      const res = await app.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js.map', headers: { accept } });
      expect(res.statusCode, accept).toBe(404);
      expect(res.body).not.toContain('secret source');
    }
  });
});

describe('an unknown path beside the SPA', () => {
  it('answers the one failure envelope to a script; a browser page load still gets the app', async () => {
    for (const [method, url] of [
      ['GET', '/assets/index-gone.js'],
      ['GET', '/nope'],
      ['POST', '/nope'],
    ] as const) {
      const res = await app.inject({ method, url, headers: { accept: 'application/json' } });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json(), `${method} ${url}`).toEqual({
        success: false,
        error: { code: 'NOT_FOUND', message: expect.stringMatching(/\w/) },
      });
    }
    const page = await app.inject({ method: 'GET', url: '/billing/invoices/in_x', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>Billing</title>');
  });
});
