import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The host app's production bundle must carry the portal's UI and client, and nothing of the
 * server: the client package imports the router as a type only.
 */
let code = '';
beforeAll(async () => {
  const outDir = mkdtempSync(path.join(tmpdir(), 'host-bundle-'));
  await build({
    root: path.resolve(import.meta.dirname, '..'),
    logLevel: 'silent',
    build: { outDir, sourcemap: false },
  });
  const files = readdirSync(path.join(outDir, 'assets')).filter((f) => f.endsWith('.js'));
  code = files.map((f) => readFileSync(path.join(outDir, 'assets', f), 'utf8')).join('\n');
}, 120_000);

describe("the example host's production bundle", () => {
  it('contains the embedded portal (positive control)', () => {
    expect(code).toContain('bp-root');
    expect(code).toContain('billing.overview');
  });

  it.each([
    ['the Stripe SDK', 'api.stripe.com'],
    ['the Stripe SDK resources', 'StripeResource'],
    ['Fastify', 'fastify'],
    ['Kysely', 'kysely'],
    ['PGlite', 'electric-sql'],
    ['node-postgres', 'pg-protocol'],
    ['the Stripe emulator', 'stripe-emulator'],
    ['server secrets handling', 'STRIPE_SECRET_KEY'],
  ])('contains no %s', (_what, marker) => {
    expect(code.toLowerCase()).not.toContain(marker.toLowerCase());
  });
});
