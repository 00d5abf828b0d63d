import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { mintHostToken } from '../apps/server/src/demo-token';
import { launchBrowser, openPage } from './browser';
import { createHostApp, packClient, run, serveHostApp, type HostServer } from './fresh-host-app';
import { expect, shot, unexpected } from './journey';
import { startPortal, type PortalServer } from './portal-server';

/**
 * A frontend developer outside this repository: `pnpm pack` the client package, install the tarball
 * with npm into a fresh Vite React app (the template's global CSS included), typecheck it without
 * skipLibCheck, build it, and use <BillingPortal/> in it against a running portal server.
 */
let appDir: string;
let tarball: string;
let typecheck: { ok: boolean; output: string };
let portal: PortalServer;
let host: HostServer;
let browser: Browser;

beforeAll(async () => {
  tarball = packClient();
  appDir = createHostApp(tarball);
  try {
    typecheck = { ok: true, output: run(path.join(appDir, 'node_modules/.bin/tsc'), ['-b'], appDir) };
  } catch (error) {
    typecheck = { ok: false, output: String((error as { stdout?: string }).stdout ?? error) };
  }
  run(path.join(appDir, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], appDir);
  // The portal runs as `npm start` does, with no AUTH_TOKEN_SECRET: the demo secret signs the token.
  host = await serveHostApp(path.join(appDir, 'dist'), async () => ({
    token: await mintHostToken({ email: 'ada@example.com' }),
    portalUrl: portal.url,
  }));
  portal = await startPortal({ CORS_ORIGINS: host.url });
  browser = await launchBrowser();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await host?.close();
  await portal?.stop();
  for (const dir of [appDir, tarball && path.dirname(tarball)]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the client package installed from its tarball into a fresh Vite app', () => {
  it('installs as compiled JS with self-contained types: no @portal/* package, no TypeScript source', () => {
    const installed = path.join(appDir, 'node_modules/@portal');
    expect(readdirSync(installed)).toEqual(['client']);
    const files = readdirSync(path.join(installed, 'client/dist'));
    expect(files.some((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))).toBe(false);
    expect(readFileSync(path.join(installed, 'client/dist/index.d.ts'), 'utf8')).not.toMatch(/from ['"]@portal\//);
  });

  it('typechecks with `tsc -b`, skipLibCheck off, and RouterOutputs is the real router type (a misspelt field is an error)', () => {
    // App.tsx carries `// @ts-expect-error` on `overview.subscriptionz`: were RouterOutputs `any`,
    // the directive would be unused and tsc would fail.
    expect(typecheck.output).toBe('');
    expect(typecheck.ok).toBe(true);
  });

  it("shows the customer's plan inside the host page, with the host's global CSS kept out and the portal's kept in", async () => {
    const { page, errors } = await openPage(browser, `${host.url}/billing`);
    const scripts: string[] = [];
    page.on(
      'request',
      (request) => request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname),
    );
    const card = page.getByRole('article', { name: 'Pro subscription' });
    await card.waitFor();
    expect(await card.textContent()).toMatch(/\$\d+\.\d{2}/);
    await shot(page, 'fresh-vite-app-overview');

    const style = (selector: string, property: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);
    // The template centres everything under #root and styles bare elements; none of it reaches in.
    expect(await style('#root', 'text-align')).toBe('center');
    expect(await style('.bp-root', 'text-align')).toBe('start');
    expect(await style('.bp-root h2', 'text-align')).toBe('start');
    expect(await style('.bp-root h2', 'letter-spacing')).toBe('normal');
    expect(await style('.bp-root h2', 'font-size')).not.toBe('24px');
    expect(await style('.bp-root button, .bp-root a.bp-button', 'background-color')).not.toBe('rgb(170, 59, 255)');
    expect(await style('.bp-root a', 'color')).not.toBe('rgb(170, 59, 255)');
    // …and the portal's own rules stay inside it: the host's heading and button look as the host made them.
    expect(await style('#root > h1', 'font-size')).toBe('56px');
    expect(await style('button.host-counter', 'background-color')).toBe('rgb(170, 59, 255)');
    expect(await style('button.host-counter', 'border-radius')).toBe('2px');

    // Sections are lazy in the host's own build: the invoices code arrives only when opened.
    expect(scripts.filter((s) => s.includes('invoices-section'))).toEqual([]);
    await page.getByRole('navigation', { name: 'Billing sections' }).getByRole('link', { name: 'Invoices' }).click();
    await page.getByRole('heading', { name: 'Invoices' }).first().waitFor();
    expect(scripts.filter((s) => s.includes('invoices-section'))).toHaveLength(1);
    expect(unexpected(errors)).toEqual([]);
  });
});
