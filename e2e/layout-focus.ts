import type { Page } from 'playwright-core';

/** Enough presses for the longest screen (billing details); a wrap to the start ends the walk sooner. */
const MAX_TABS = 40;

/**
 * Tabs through the screen as a keyboard user does and reports each focused element that looks the
 * same as when it was not focused: no outline or ring on it or on the box that draws it (a
 * visually hidden radio shows its focus on its label or card).
 */
export async function focusProblems(page: Page): Promise<string[]> {
  // The unfocused look of everything that can take focus, and of its two nearest ancestors.
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    const look = (el: Element) => {
      const s = getComputedStyle(el);
      return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor].join('|');
    };
    const before = new Map<Element, string[]>();
    for (const el of document.querySelectorAll(
      'a[href], button, input, select, textarea, [tabindex], summary, iframe',
    )) {
      before.set(
        el,
        [el, el.parentElement, el.parentElement?.parentElement].map((e) => (e ? look(e) : '')),
      );
    }
    Object.assign(window, { __unfocusedLook: before, __focusSeen: new Set<Element>() });
  });
  const problems: string[] = [];
  for (let i = 0; i < MAX_TABS; i++) {
    await page.keyboard.press('Tab');
    const result = await page.evaluate(() => {
      let el = document.activeElement;
      // Into shadow roots (the emulator's card form lives in one): the element really focused.
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      const seen = (window as unknown as { __focusSeen: Set<Element> }).__focusSeen;
      // Focus left the page, or wrapped around (a modal dialog keeps it inside).
      if (!el || el === document.body || seen.has(el)) return { done: true as const };
      seen.add(el);
      const describe = `${el.tagName.toLowerCase()}${el.getAttribute('role') ? `[role=${el.getAttribute('role')}]` : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? (el as HTMLInputElement).name ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
      // Focus inside a frame (Stripe's card fields) is drawn by the frame's own page.
      if (el instanceof HTMLIFrameElement) return { done: false as const, key: describe, visible: true };
      const before = (window as unknown as { __unfocusedLook: Map<Element, string[]> }).__unfocusedLook.get(el);
      const drawsFocus = (box: Element | null, unfocused: string | undefined) => {
        if (!box) return false;
        const s = getComputedStyle(box);
        const now = [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor].join('|');
        if (unfocused !== undefined && now === unfocused) return false;
        // `auto` is the browser's own focus ring (drawn at least 2 px whatever the width says).
        const outline =
          s.outlineStyle !== 'none' &&
          (s.outlineStyle === 'auto' || parseFloat(s.outlineWidth) >= 2) &&
          !/rgba\(.*, 0\)$|transparent/.test(s.outlineColor);
        const ring = s.boxShadow !== 'none' && (unfocused === undefined || !unfocused.includes(s.boxShadow));
        return outline || ring;
      };
      const visible = [el, el.parentElement, el.parentElement?.parentElement ?? null].some((box, k) =>
        drawsFocus(box, before?.[k]),
      );
      return { done: false as const, key: describe, visible };
    });
    if (result.done) break;
    if (!result.visible) problems.push(`focus on ${result.key} is not visible`);
  }
  return problems;
}
