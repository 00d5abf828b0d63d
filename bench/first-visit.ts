import { chromium } from 'playwright-core';
import { benchEnv } from './env';
import { DEMO_ACCOUNT } from './session';
import { latencyOf, type Latency } from './stats';

/** The plan's price on the overview: what a customer opens the portal to see. */
const PLAN_PRICE = 'article.bp-subscription .bp-price';

/** Chrome DevTools' "Fast 4G" preset, and a phone's CPU as a quarter of this machine's. */
export const FAST_4G = {
  latency: 60,
  downloadThroughput: (9 * 1024 * 1024) / 8,
  uploadThroughput: (1.5 * 1024 * 1024) / 8,
} as const;
export const CPU_SLOWDOWN = 4;

export interface FirstVisit extends Latency {
  /** Each timed run's figure, in order: medians pooled over several invocations need them. */
  runsMs: number[];
  /** Bytes the browser received for the visit (compressed, as sent), from the last run. */
  transferredKb: number;
  /**
   * The last run's price time, when index.html's inline script sent the data request and when the
   * entry had run (DOMContentLoaded waits for module scripts), and its requests (Resource Timing),
   * for `--waterfall`.
   */
  waterfall: { priceMs: number; bootScriptMs: number; domContentLoadedMs: number; requests: WaterfallRow[] };
}

/** One request of a visit in ms since navigation start, on the page's own clock. */
export interface WaterfallRow {
  url: string;
  startMs: number;
  endMs: number;
  kb: number;
}

/**
 * A first visit on a phone: a fresh browser context each run (nothing cached), 390 px wide, the
 * network and CPU throttled through CDP, from navigation start to the plan's price in the DOM (the
 * page's own clock). The server's caches are warm; the browser's are not.
 */
export async function firstVisitOnPhone(portalUrl: string, runs = 3): Promise<FirstVisit> {
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
    const samples: number[] = [];
    let transferred = 0;
    let waterfall: FirstVisit['waterfall'] = {
      priceMs: Number.NaN,
      bootScriptMs: Number.NaN,
      domContentLoadedMs: Number.NaN,
      requests: [],
    };
    for (let i = 0; i <= runs; i++) {
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        deviceScaleFactor: 3,
        isMobile: true,
        hasTouch: true,
        locale: 'en-US',
      });
      const login = await context.request.post(`${portalUrl}/auth/demo/login`, {
        data: { email: DEMO_ACCOUNT.email, password: DEMO_ACCOUNT.password },
      });
      if (!login.ok()) throw new Error(`demo login failed: ${login.status()}`);
      await context.addInitScript((selector: string) => {
        const w = window as unknown as { __priceAt?: number };
        new MutationObserver((_m, observer) => {
          if (w.__priceAt === undefined && document.querySelector(selector)) {
            w.__priceAt = performance.now();
            observer.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      }, PLAN_PRICE);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, connectionType: 'cellular4g', ...FAST_4G });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
      let bytes = 0;
      cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => (bytes += event.encodedDataLength));
      await page.goto(portalUrl, { waitUntil: 'commit', timeout: 60_000 });
      await page.waitForSelector(PLAN_PRICE, { timeout: 60_000 });
      const at = await page.evaluate(() => (window as unknown as { __priceAt?: number }).__priceAt ?? Number.NaN);
      waterfall = { priceMs: at, ...(await page.evaluate(milestones)), requests: await page.evaluate(resourceTimings) };
      // The first run warms the server's read cache and the emulator; the browser is fresh every time.
      if (i > 0) samples.push(at);
      transferred = bytes;
      await context.close();
    }
    return {
      ...latencyOf(samples),
      runsMs: samples.map(Math.round),
      transferredKb: Math.round(transferred / 1024),
      waterfall,
    };
  } finally {
    await browser.close();
  }
}

/** Runs in the page: when the boot request was sent and when DOMContentLoaded began, in ms since navigation start. */
function milestones() {
  const boot = (window as unknown as { __portalBoot?: { startedAt: number } }).__portalBoot;
  const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
  return {
    bootScriptMs: boot ? Math.round(boot.startedAt - performance.timeOrigin) : Number.NaN,
    domContentLoadedMs: Math.round(navigation?.domContentLoadedEventStart ?? Number.NaN),
  };
}

/** Runs in the page: the document and every resource, in the order they started. */
function resourceTimings(): WaterfallRow[] {
  const entries = [
    ...performance.getEntriesByType('navigation'),
    ...performance.getEntriesByType('resource'),
  ] as PerformanceResourceTiming[];
  return entries
    .map((e) => ({
      url: e.name.replace(location.origin, ''),
      startMs: Math.round(e.startTime),
      endMs: Math.round(e.responseEnd),
      kb: Math.round(e.transferSize / 102.4) / 10,
    }))
    .sort((a, b) => a.startMs - b.startMs);
}
