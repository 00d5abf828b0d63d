import type { Page } from 'playwright-core';
import { screenshot } from './browser';
import { focusProblems } from './layout-focus';
import { probeLayout, type ProbeLimits } from './layout-probe';
import { layoutScreenshots } from './test-env';

/** The widths every screen must fit: a small phone, a common phone, a tablet, a wide desktop. */
export const LAYOUT_WIDTHS = [360, 390, 768, 1440] as const;
/** The operating system's setting; the portal and the frame follow it while their theme is "system". */
export const COLOR_SCHEMES = ['light', 'dark'] as const;

const LIMITS: ProbeLimits = { maxToggle: 24, buttonSlack: 32, overlapTolerance: 3 };

export interface LayoutProblem {
  width: number;
  scheme: (typeof COLOR_SCHEMES)[number] | 'focus';
  dir: string;
  problem: string;
}

const settle = (page: Page) =>
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/**
 * Checks the current screen at every width in LAYOUT_WIDTHS, in both colour schemes, in the
 * direction the page is in (the journey chooses the locale), then restores viewport and scheme.
 * Everything is switched in place: no reload, so a screen reached by clicks (a dialog, a
 * preview) is checked as it is. Then tabs through the screen once (dark in RTL, light in LTR, so
 * both schemes meet the focus check) for a visible focus indicator.
 * Returns every problem found, so a test can `expect(...).toEqual([])` and print all at once.
 */
export async function layoutProblems(page: Page, screen: string, { focus = true } = {}): Promise<LayoutProblem[]> {
  const original = page.viewportSize();
  const dir = await page.evaluate(() => document.documentElement.dir || 'ltr');
  const problems: LayoutProblem[] = [];
  for (const scheme of COLOR_SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of LAYOUT_WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      // Two frames: media and container queries settle before measuring.
      await settle(page);
      for (const problem of await page.evaluate(probeLayout, LIMITS)) problems.push({ width, scheme, dir, problem });
      if (layoutScreenshots && (width === 390 || width === 1440))
        await screenshot(page, `layout-${screen}-${width}-${scheme}-${dir}`);
    }
  }
  if (focus) {
    await page.emulateMedia({ colorScheme: dir === 'rtl' ? 'dark' : 'light' });
    await page.setViewportSize({ width: 1440, height: 900 });
    for (const problem of await focusProblems(page)) problems.push({ width: 1440, scheme: 'focus', dir, problem });
  }
  await page.emulateMedia({ colorScheme: null });
  if (original) await page.setViewportSize(original);
  return problems;
}
