import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
// The same check as the portal's stylesheets (packages/client/test/spacing-scale.test.ts).
import { declaredProperties, literalSpacing } from '../../../packages/client/test/css-scale';

const shell = readFileSync(new URL('../src/styles.css', import.meta.url), 'utf8');
const portal = readFileSync(new URL('../../../packages/client/src/primitives.css', import.meta.url), 'utf8');

it("the frame's stylesheet takes every margin, padding, gap and font size from its scale", () => {
  expect(literalSpacing(shell)).toEqual([]);
});

it("the frame's scale has the portal's steps, so the shell and the portal line up", () => {
  const frame = declaredProperties(shell, ':root', '--(?:space|text)-');
  const steps = Object.fromEntries(
    Object.entries(declaredProperties(portal, '.bp-root', '--bp-(?:space|text)-')).map(([name, value]) => [
      name.replace('--bp-', '--'),
      value,
    ]),
  );
  expect(Object.keys(frame).length).toBeGreaterThan(0);
  expect(frame).toEqual(steps);
});
