import { chromium } from 'playwright-core';
import { benchEnv } from './env';
import { DEMO_ACCOUNT } from './session';
import { latencyOf, type Latency } from './stats';

const PLAN_CARD = 'article.bp-subscription';

/**
 * Navigation start → the overview's plan card in the DOM, read from the page's own clock (a
 * MutationObserver records `performance.now()`, which counts from navigation start). Warm: the
 * first visit fills the browser cache and the server's read cache; the following ones are timed.
 */
export async function timeToPlanCard(portalUrl: string, runs = 5): Promise<Latency> {
  const browser = await chromium.launch({
    executablePath: benchEnv.chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1100, height: 760 }, locale: 'en-US' });
    const login = await context.request.post(`${portalUrl}/auth/demo/login`, {
      data: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password },
    });
    if (!login.ok()) throw new Error(`demo login failed: ${login.status()}`);
    await context.addInitScript((selector: string) => {
      const w = window as unknown as { __planCardAt?: number };
      new MutationObserver((_m, observer) => {
        if (w.__planCardAt === undefined && document.querySelector(selector)) {
          w.__planCardAt = performance.now();
          observer.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    }, PLAN_CARD);
    const page = await context.newPage();
    const samples: number[] = [];
    for (let i = 0; i <= runs; i++) {
      await page.goto(portalUrl, { waitUntil: 'commit', timeout: 30_000 });
      await page.waitForSelector(PLAN_CARD, { timeout: 30_000 });
      const at = await page.evaluate(() => (window as unknown as { __planCardAt?: number }).__planCardAt ?? Number.NaN);
      if (i > 0) samples.push(at);
    }
    return latencyOf(samples);
  } finally {
    await browser.close();
  }
}
