import type { Page } from 'playwright-core';

/** The widths every screen must fit: a phone and a wide desktop. */
export const LAYOUT_WIDTHS = [390, 1440] as const;

// A native radio or checkbox is ~13 px; anything wider means a global rule (e.g. `input {width:100%}`)
// reached it and pushed its label aside.
const MAX_TOGGLE_WIDTH = 24;

export interface LayoutProblem {
  width: number;
  problem: string;
}

/**
 * What is wrong with the page's layout right now: horizontal overflow of the document, of any card
 * (the portal's and the host shell's) or of any scroll box inside one (a table that scrolls hides
 * columns at first sight), and radio buttons or checkboxes stretched wider than a control.
 */
async function problemsNow(page: Page): Promise<string[]> {
  return page.evaluate(
    ({ maxToggle }) => {
      const found: string[] = [];
      const name = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${[...el.classList].join('.')}${el.getAttribute('aria-label') ? `[${el.getAttribute('aria-label')}]` : ''}`;
      const doc = document.documentElement;
      if (doc.scrollWidth > doc.clientWidth + 1) found.push(`document is ${doc.scrollWidth}px wide in a ${doc.clientWidth}px viewport`);
      for (const el of document.querySelectorAll('.bp-card, .card, .bp-table-scroll, .table-scroll, .bp-dialog[open], .bp-dialog[data-state=open]')) {
        if (el.scrollWidth > el.clientWidth + 1) found.push(`${name(el)} overflows: content ${el.scrollWidth}px in ${el.clientWidth}px`);
      }
      // Native controls and the portal's Radix ones (buttons with a radio or checkbox role).
      for (const input of document.querySelectorAll<HTMLInputElement>('input[type=radio], input[type=checkbox], [role=radio], [role=checkbox]')) {
        const box = input.getBoundingClientRect();
        const style = getComputedStyle(input);
        // Visually hidden inputs (segmented toggles style their label instead) are not drawn.
        if (style.opacity === '0' || box.width === 0) continue;
        if (box.width > maxToggle) found.push(`${input.getAttribute('role') ?? input.type} "${input.name || input.getAttribute('aria-label') || input.labels?.[0]?.textContent || ''}" is ${Math.round(box.width)}px wide`);
      }
      return found;
    },
    { maxToggle: MAX_TOGGLE_WIDTH },
  );
}

/**
 * Checks the current screen at every width in LAYOUT_WIDTHS, then restores the viewport.
 * Returns every problem found (empty when the layout holds), so a test can `expect(...).toEqual([])`
 * and print all of them at once.
 */
export async function layoutProblems(page: Page): Promise<LayoutProblem[]> {
  const original = page.viewportSize();
  const problems: LayoutProblem[] = [];
  for (const width of LAYOUT_WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    // Two frames: media queries and container layout settle before measuring.
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    for (const problem of await problemsNow(page)) problems.push({ width, problem });
  }
  if (original) await page.setViewportSize(original);
  return problems;
}
