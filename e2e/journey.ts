import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, onTestFailed } from 'vitest';
import { launchBrowser, openPage, screenshot } from './browser';
import { freePort, startPortal, type PortalServer } from './portal-server';

/**
 * One portal server (embedded mode, the real entry point) and one browser per journey file.
 * Each journey signs in as its own demo customer, so journeys in a file do not disturb each other.
 */
export function useJourneys(extraEnv: Record<string, string> = {}) {
  const ctx = {} as { server: PortalServer; browser: Browser };
  beforeAll(async () => {
    // A known port, so the portal's own origin is on the return-URL allow-list (hosted fallback).
    ctx.server = await startPortal({ PORT: String(await freePort()), ...extraEnv });
    ctx.browser = await launchBrowser();
  });
  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.server?.stop();
  });
  return {
    get server() {
      return ctx.server;
    },
    /** Opens the portal signed out (the login screen), in the browser language `locale`. */
    openAnonymous: (locale?: string) => openPage(ctx.browser, ctx.server.url, locale),
    /** Opens the portal signed in as `email`; returns the page and the console errors seen. */
    async signIn(email: string, locale?: string) {
      const { page, errors } = await openPage(ctx.browser, ctx.server.url, locale);
      // On failure: what the page showed and what the server said, to see why without a rerun.
      onTestFailed(async ({ task }) => {
        await screenshot(page, `FAILED-${task.name.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => {});
        console.error(
          `server output (last 3000 chars):\n${ctx.server.output().slice(-3000)}\nconsole errors: ${errors.join('\n')}`,
        );
      });
      // The sign-in page speaks the browser's language: its fields are found by what they are, not by their English names.
      await page.locator('.login input[type="email"]').fill(email);
      await page.locator('.login input[type="password"]').fill('demo');
      await page.locator('.login button[type="submit"]').click();
      await page.waitForURL(/\/(billing|support)/);
      return { page, errors };
    },
  };
}

export const shot = screenshot;

/** The overview card of the subscription whose plan is `name` (e.g. "Pro"). */
export function card(page: Page, name: string) {
  return page.getByRole('article', { name: `${name} subscription` });
}

/** Money as the page shows it, turned into cents, e.g. "$1,234.50" → 123450. */
export function cents(text: string | null): number {
  const match = /-?\$?-?([\d,]+\.\d{2})/.exec(text ?? '');
  if (!match?.[1]) throw new Error(`no amount in ${JSON.stringify(text)}`);
  const value = Math.round(Number(match[1].replace(/,/g, '')) * 100);
  return (text ?? '').includes('-') ? -value : value;
}

/** Console errors other than the browser's own report of an HTTP error status we provoked. */
export function unexpected(errors: string[]): string[] {
  return errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e));
}

export { expect };
