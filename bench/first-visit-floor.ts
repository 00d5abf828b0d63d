/**
 * The floor of row 6b's setup: the same browser, fresh context, 390 px, Fast 4G and 4× CPU, on a
 * trivial page (an inline script, one small external script, one word of text) served over
 * loopback. Whatever this page takes is the renderer's and the emulation's cost, not the portal's.
 * `node --import tsx bench/first-visit-floor.ts [runs] [--cpu=N]`
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { benchEnv } from './env';
import { CPU_SLOWDOWN, FAST_4G } from './first-visit';

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>floor</title>
<script>window.__inline = performance.now();</script>
<script type="module" src="/tiny.js"></script></head><body><p id="word">price</p></body></html>`;
const TINY = `window.__module = performance.now(); document.body.insertAdjacentHTML('beforeend', '<p id="done">done</p>');`;

const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 5);
/** `--cpu=1` drops the CPU throttling, to split the floor between the network and the CPU. */
const cpu = Number(process.argv.find((a) => a.startsWith('--cpu='))?.slice(6) ?? CPU_SLOWDOWN);
const server = createServer((req, res) => {
  const js = req.url === '/tiny.js';
  res.writeHead(200, { 'content-type': js ? 'text/javascript' : 'text/html; charset=utf-8' });
  res.end(js ? TINY : PAGE);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
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
  for (let i = 0; i <= runs; i++) {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
      locale: 'en-US',
    });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, connectionType: 'cellular4g', ...FAST_4G });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForSelector('#done');
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const js = performance.getEntriesByName(new URL('/tiny.js', location.href).href)[0] as PerformanceResourceTiming;
      const w = window as unknown as { __inline: number; __module: number };
      return {
        responseEnd: nav.responseEnd,
        inline: w.__inline,
        jsStart: js.startTime,
        jsEnd: js.responseEnd,
        module: w.__module,
        dcl: nav.domContentLoadedEventEnd,
      };
    });
    if (i > 0)
      console.log(
        Object.entries(t)
          .map(([k, v]) => `${k} ${Math.round(v)}`)
          .join('  '),
      );
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
