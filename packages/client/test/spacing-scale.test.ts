import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { declaredProperties, literalSpacing } from './css-scale';

const stylesheet = (name: string) => readFileSync(new URL(`../src/${name}`, import.meta.url), 'utf8');

describe("the portal's stylesheets use one spacing and type scale", () => {
  it.each(['styles.css', 'primitives.css', 'portal.css'])(
    '%s: every margin, padding, gap and font size is a step of the scale',
    (name) => {
      expect(literalSpacing(stylesheet(name))).toEqual([]);
    },
  );

  it('the scale has six spacing steps and five text sizes', () => {
    const scale = declaredProperties(stylesheet('primitives.css'), '.bp-root', '--bp-(?:space|text)-');
    expect(Object.keys(scale)).toEqual([
      '--bp-space-1',
      '--bp-space-2',
      '--bp-space-3',
      '--bp-space-4',
      '--bp-space-5',
      '--bp-space-6',
      '--bp-text-xs',
      '--bp-text-sm',
      '--bp-text-md',
      '--bp-text-lg',
      '--bp-text-xl',
    ]);
  });

  it('reports literal lengths, and lets hairlines, scale steps and em sizes pass', () => {
    const css =
      '.a { padding: 10px var(--bp-space-2); margin-bottom: -1px; } /* gap: 9px */ .b { font-size: 0.9rem; } .c { gap: 0.5em; inset: 12px; }';
    expect(literalSpacing(css)).toEqual(['padding: 10px var(--bp-space-2)', 'font-size: 0.9rem']);
  });
});
