import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { startPortal, type PortalServer } from './portal-server';

/**
 * A first visit's request chain, on a throttled phone-like network so that each round trip is
 * visible in the page's Resource Timing. What is asserted is the order of requests (which one could
 * start before which ended), never a duration.
 */
const PLAN_PRICE = 'article.bp-subscription .bp-price';
const FAST_4G = {
  offline: false,
  latency: 60,
  downloadThroughput: (9 * 1024 * 1024) / 8,
  uploadThroughput: (1.5 * 1024 * 1024) / 8,
};

let server: PortalServer;
let browser: Browser;

beforeAll(async () => {
  server = await startPortal();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

interface Timing {
  url: string;
  start: number;
  end: number;
}

async function firstVisit(signedIn: boolean): Promise<{ page: Page; errors: string[]; csp: string | null }> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'en-US' });
  if (signedIn) {
    const login = await context.request.post(`${server.url}/auth/demo/login`, {
      data: { email: 'ada@example.com', password: 'demo' },
    });
    expect(login.ok()).toBe(true);
  }
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
  page.on('pageerror', (err) => errors.push(err.message));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', FAST_4G);
  const response = await page.goto(`${server.url}/billing`);
  return { page, errors, csp: (await response?.headerValue('content-security-policy')) ?? null };
}

/** The document's entry script and every request the page made, from the page's own clock. */
async function timings(page: Page): Promise<{ entry: Timing; requests: Timing[] }> {
  return page.evaluate(() => {
    const of = (e: PerformanceResourceTiming) => ({ url: e.name, start: e.startTime, end: e.responseEnd });
    const requests = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map(of);
    const entrySrc = document.querySelector<HTMLScriptElement>('script[type="module"][src]')!.src;
    return { entry: requests.find((r) => r.url === entrySrc)!, requests };
  });
}

describe('first visit', () => {
  it('asks for the session and the overview while the entry script is still downloading, in one request', async () => {
    const { page, errors, csp } = await firstVisit(true);
    await page.locator(PLAN_PRICE).first().waitFor({ timeout: 30_000 });
    const { entry, requests } = await timings(page);
    const api = requests.filter((r) => r.url.includes('/trpc/') && !r.url.includes('billing.changes'));
    const overview = api.filter((r) => r.url.includes('billing.overview'));
    const session = api.filter((r) => r.url.includes('session.me'));

    expect(entry).toBeDefined();
    // One round trip for the first screen's data, not session check → portal → overview.
    expect(overview).toHaveLength(1);
    expect(session).toHaveLength(1);
    expect(overview[0]).toBe(session[0]);
    expect(overview[0]!.start).toBeLessThan(entry.end);
    // The inline script that starts it runs under the CSP by its hash, with no 'unsafe-inline'.
    const scriptSrc = csp?.split(';').find((d) => d.trim().startsWith('script-src')) ?? '';
    expect(scriptSrc).toMatch(/'sha256-[A-Za-z0-9+/]+=*'/);
    expect(scriptSrc).not.toContain('unsafe-inline');
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('still shows the sign-in page to a visitor without a session', async () => {
    const { page, errors } = await firstVisit(false);
    await page.getByRole('heading', { name: 'Sign in to billing' }).waitFor({ timeout: 30_000 });
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
