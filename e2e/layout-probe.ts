/**
 * What is wrong with the page's layout right now, measured inside the page (one round trip per
 * viewport). Passed to `page.evaluate`, so it must not close over anything: the limits arrive as
 * its argument.
 */
export interface ProbeLimits {
  /** A radio button or checkbox indicator is ~13–20 px; wider means a global rule stretched it. */
  maxToggle: number;
  /** Slack a button may have around its label (padding and border are already added). */
  buttonSlack: number;
  /** Boxes that overlap by less than this (in both directions) are anti-aliasing, not a collision. */
  overlapTolerance: number;
}

export function probeLayout(limits: ProbeLimits): string[] {
  const found: string[] = [];
  const name = (el: Element) => {
    const label = el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList].map((c) => `.${c}`).join('')}${label ? ` "${label}"` : ''}`;
  };
  // Drawn and not visually hidden: neither it nor an ancestor is the 1 px clip of screen-reader-only
  // text (a table's header row on a phone is hidden that way).
  const clippedAway = new Map<Element, boolean>();
  const hiddenByAncestor = (el: Element | null): boolean => {
    if (!el || el === document.body) return false;
    const known = clippedAway.get(el);
    if (known !== undefined) return known;
    const box = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    const hidden =
      ((box.width <= 1 || box.height <= 1) && style.overflow !== 'visible') ||
      style.visibility === 'hidden' ||
      style.opacity === '0' ||
      hiddenByAncestor(el.parentElement);
    clippedAway.set(el, hidden);
    return hidden;
  };
  const drawn = (el: Element) => {
    const box = el.getBoundingClientRect();
    return box.width > 1 && box.height > 1 && !el.closest('[aria-hidden="true"]') && !hiddenByAncestor(el);
  };
  // Which layer an element is painted in: a modal dialog sits above the page it was opened from.
  const layer = (el: Element) => el.closest('dialog[open], [role=dialog]');

  const doc = document.documentElement;
  if (doc.scrollWidth > doc.clientWidth + 1)
    found.push(`document is ${doc.scrollWidth}px wide in a ${doc.clientWidth}px viewport`);

  const containers = [
    ...document.querySelectorAll(
      '.bp-card, .card, .bp-table-scroll, .table-scroll, dialog[open], [role=dialog], .topbar, .bp-topline',
    ),
  ].filter(drawn);
  for (const el of containers) {
    if (el.scrollWidth > el.clientWidth + 1)
      found.push(`${name(el)} overflows: content ${el.scrollWidth}px in ${el.clientWidth}px`);
  }

  // Toggles drawn as controls: native inputs, and ARIA ones (Radix) that are only an indicator.
  for (const el of document.querySelectorAll(
    'input[type=radio], input[type=checkbox], [role=radio], [role=checkbox], [role=switch]',
  )) {
    const isIndicator = el instanceof HTMLInputElement || (el.textContent ?? '').trim() === '';
    if (!isIndicator || !drawn(el)) continue;
    const width = el.getBoundingClientRect().width;
    if (width > limits.maxToggle)
      found.push(
        `${el.getAttribute('role') ?? (el as HTMLInputElement).type} ${name(el)} is ${Math.round(width)}px wide`,
      );
  }

  // Buttons no wider than their label: a stretched button reads as a banner, not an action.
  for (const el of document.querySelectorAll('button, a.bp-button, [role=button]')) {
    if (!drawn(el) || el.matches('[role=radio], [role=checkbox], [role=tab], [role=switch]')) continue;
    // A form's only button spanning the form is the sign-in pattern (one field column, one action).
    if (el.matches('form > button[type=submit]') && el.parentElement!.querySelectorAll('button').length === 1) continue;
    const range = document.createRange();
    range.selectNodeContents(el);
    const content = range.getBoundingClientRect().width;
    const style = getComputedStyle(el);
    const chrome = ['paddingLeft', 'paddingRight', 'borderLeftWidth', 'borderRightWidth'].reduce(
      (sum, p) => sum + parseFloat(style[p as 'paddingLeft']),
      0,
    );
    const width = el.getBoundingClientRect().width;
    if (content > 0 && width > content + chrome + limits.buttonSlack)
      found.push(`${name(el)} is ${Math.round(width)}px wide for a ${Math.round(content)}px label`);
  }

  // Text clipped by its own box (ellipsis is a deliberate clip; form fields scroll their value).
  for (const el of document.querySelectorAll('body *')) {
    if (
      el instanceof HTMLInputElement ||
      el instanceof HTMLTextAreaElement ||
      el instanceof HTMLSelectElement ||
      el instanceof HTMLIFrameElement
    )
      continue;
    const style = getComputedStyle(el);
    if (style.overflowX !== 'hidden' && style.overflowX !== 'clip') continue;
    if (style.textOverflow === 'ellipsis' || !drawn(el) || !(el.textContent ?? '').trim()) continue;
    if (el.scrollWidth > el.clientWidth + 1)
      found.push(`${name(el)} clips its text: ${el.scrollWidth}px in ${el.clientWidth}px`);
  }

  // A select shows only its chosen option, and a clipped one reads as another choice (a tax ID's
  // type). Measured against a copy holding just that option at its natural width, same styles.
  for (const el of document.querySelectorAll('select')) {
    const chosen = el.options[el.selectedIndex];
    if (!chosen || !drawn(el)) continue;
    const copy = el.cloneNode(false) as HTMLSelectElement;
    copy.removeAttribute('id');
    copy.append(new Option(chosen.text));
    copy.style.cssText =
      'position: absolute; visibility: hidden; width: auto; min-width: 0; max-width: none; flex: none;';
    el.after(copy);
    const needed = copy.getBoundingClientRect().width;
    copy.remove();
    const width = el.getBoundingClientRect().width;
    if (needed > width + 1)
      found.push(
        `select "${chosen.text.slice(0, 40)}" is cut: ${Math.round(width)}px for the ${Math.round(needed)}px its choice needs`,
      );
  }

  // Fields side by side start on one line: their labels share a top (controls of different
  // heights aligned at the bottom push one label down).
  for (const row of document.querySelectorAll('form, fieldset, .bp-inline, .inline-form, .filters, .bp-field-row')) {
    const fields = [...row.children]
      .filter((child) => child.matches('label, .bp-field') && drawn(child))
      .map((child) => child.getBoundingClientRect());
    for (let i = 1; i < fields.length; i++) {
      const [a, b] = [fields[i - 1]!, fields[i]!];
      const sameRow = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > a.height / 2;
      if (sameRow && Math.abs(a.top - b.top) > 1)
        found.push(
          `fields side by side in ${name(row).slice(0, 60)} start ${Math.round(Math.abs(a.top - b.top))}px apart`,
        );
    }
    // A button beside a field (search, add) stands on the field's baseline: its box ends where the
    // control's does, not where the label's margin does.
    const control = row.querySelector(':scope > label :is(input, select), :scope > .bp-field :is(input, select)');
    for (const button of row.querySelectorAll(':scope > button')) {
      if (!control || !drawn(button) || !drawn(control)) continue;
      const [c, b] = [control.getBoundingClientRect(), button.getBoundingClientRect()];
      const sameLine = Math.min(c.bottom, b.bottom) - Math.max(c.top, b.top) > Math.min(c.height, b.height) / 2;
      if (sameLine && Math.abs(c.bottom - b.bottom) > 2)
        found.push(
          `${name(button)} is ${Math.round(Math.abs(c.bottom - b.bottom))}px off the bottom of the field beside it`,
        );
    }
  }

  // A short action ("Stop viewing") on two lines reads as two words, not one button.
  for (const el of document.querySelectorAll('button, a.bp-button')) {
    const words = (el.textContent ?? '').trim().split(/\s+/);
    if (words.length > 2 || !drawn(el)) continue;
    const range = document.createRange();
    range.selectNodeContents(el);
    // Fragments a line apart (an icon sits a little off the text's top, on the same line).
    const tops = [...range.getClientRects()].filter((r) => r.width > 1).map((r) => r.top);
    if (tops.length > 1 && Math.max(...tops) - Math.min(...tops) > parseFloat(getComputedStyle(el).fontSize))
      found.push(`${name(el)} breaks its short label over two lines`);
  }

  // A sentence in a left-to-right script inside right-to-left text (a business's English headline on
  // an Arabic page) ends on its right: unisolated, its full stop is drawn on the left of its last word.
  const bidiWalker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = bidiWalker.nextNode(); node; node = bidiWalker.nextNode()) {
    const text = node.textContent ?? '';
    const first = text.search(/\p{L}/u);
    const last = text.trimEnd().length - 1;
    if (
      first < 0 ||
      !/\p{Script=Latin}/u.test(text[first]!) ||
      !/[.!?…:]/.test(text[last] ?? '') ||
      !node.parentElement ||
      !drawn(node.parentElement)
    )
      continue;
    if (getComputedStyle(node.parentElement).direction !== 'rtl') continue;
    const at = (index: number) => {
      const range = document.createRange();
      range.setStart(node, index);
      range.setEnd(node, index + 1);
      return range.getBoundingClientRect();
    };
    // Against the word it closes, which is on the same line even when the sentence wraps.
    const word = text.slice(0, last).search(/[\p{L}\p{N}][^\p{L}\p{N}]*$/u);
    if (word < 0 || !/\p{Script=Latin}/u.test(text[word]!)) continue;
    const [before, stop] = [at(word), at(last)];
    if (Math.abs(before.top - stop.top) < 2 && stop.left < before.left)
      found.push(
        `"${text.trim().slice(0, 40)}" ends on the wrong side: its "${text[last]}" is drawn before its last word`,
      );
  }

  // An id, code or email broken mid-word though it would fit its card on one line (a table that
  // squeezes a column instead of sizing it). Only ASCII tokens: CJK text wraps between characters.
  const textWalker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = textWalker.nextNode(); node; node = textWalker.nextNode()) {
    const token = (node.textContent ?? '').trim();
    if (token.length < 4 || !/^[\x21-\x7e]+$/.test(token) || !node.parentElement || !drawn(node.parentElement))
      continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const lines = [...range.getClientRects()].filter((r) => r.width > 0);
    if (lines.length < 2 || new Set(lines.map((r) => Math.round(r.top))).size < 2) continue;
    const card = node.parentElement.closest('.bp-card, .card, dialog, [role=dialog]') ?? document.body;
    const whole = lines.reduce((sum, r) => sum + r.width, 0);
    if (whole < card.clientWidth - 48)
      found.push(
        `"${token.slice(0, 40)}" breaks mid-word though it fits on one line (${Math.round(whole)}px in a ${card.clientWidth}px card)`,
      );
  }

  // Cells of one table row end on one line: the row's border is drawn under each cell, so a cell
  // that leaves the table layout (a flex box as a cell) draws its piece of the border out of line.
  for (const row of document.querySelectorAll('tr')) {
    if (!drawn(row) || getComputedStyle(row).display !== 'table-row') continue;
    const rowBottom = Math.round(row.getBoundingClientRect().bottom);
    for (const cell of [...row.children].filter(drawn)) {
      const bottom = Math.round(cell.getBoundingClientRect().bottom);
      if (Math.abs(bottom - rowBottom) > 1) found.push(`${name(cell)} ends at ${bottom}px, its row at ${rowBottom}px`);
    }
  }

  // Overlap inside each container: controls and lines of text must not sit on one another.
  const interactiveSelector =
    'a[href], button, input:not([type=hidden]), select, textarea, [role=radio], [role=checkbox], [role=switch], [role=tab], [role=button]';
  type Item = { el: Element; rect: DOMRect; what: string };
  const overlaps = new Set<string>();
  for (const box of containers) {
    const items: Item[] = [];
    for (const el of box.querySelectorAll(interactiveSelector)) {
      // A control nested in a control (a native radio inside its clickable card) is part of it.
      if (el.parentElement?.closest(interactiveSelector) && box.contains(el.parentElement.closest(interactiveSelector)))
        continue;
      if (!drawn(el) || layer(el) !== layer(box)) continue;
      // Line by line: a link that wraps covers two line fragments, not the rectangle around them.
      for (const rect of el.getClientRects()) if (rect.width > 1) items.push({ el, rect, what: name(el) });
    }
    const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (
        !parent ||
        !(node.textContent ?? '').trim() ||
        parent.closest(interactiveSelector) ||
        parent.closest('option, script, style') ||
        !drawn(parent) ||
        layer(parent) !== layer(box)
      )
        continue;
      // Word by word: a line's trailing space hangs past its box (and in RTL across the gap).
      const range = document.createRange();
      for (const word of (node.textContent ?? '').matchAll(/\S+/g)) {
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        for (const rect of range.getClientRects()) {
          if (rect.width > 1) items.push({ el: parent, rect, what: `text "${word[0].slice(0, 30)}"` });
        }
      }
    }
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        const a = items[i]!;
        const b = items[j]!;
        if (a.el === b.el || a.el.contains(b.el) || b.el.contains(a.el)) continue;
        const x = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
        const y = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
        if (x > limits.overlapTolerance && y > limits.overlapTolerance)
          overlaps.add(`${a.what} overlaps ${b.what} by ${Math.round(x)}×${Math.round(y)}px`);
      }
    }
  }
  found.push(...overlaps);
  return found;
}
