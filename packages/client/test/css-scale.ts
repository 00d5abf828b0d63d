/** Declarations whose lengths come from the spacing and type scale, not from literal values. */
const SCALED = /(?<![-\w])(margin(?:-[a-z-]+)?|padding(?:-[a-z-]+)?|gap|row-gap|column-gap|font-size)\s*:\s*([^;{}]+)/g;
/** Hairlines and nudges (a border's overlap, a 2 px inset) are not steps of a scale. */
const HAIRLINE_PX = 3;

const withoutComments = (css: string) => css.replace(/\/\*[\s\S]*?\*\//g, '');

/**
 * Every margin, padding, gap and font size in a stylesheet written as a literal length (`12px`,
 * `0.9rem`) instead of a scale variable, as `property: value`.
 */
export function literalSpacing(css: string): string[] {
  const found: string[] = [];
  for (const [, property, value] of withoutComments(css).matchAll(SCALED)) {
    // Sizes relative to the element's own font (`0.9em` icons) scale with the text already.
    const literals = [...value!.matchAll(/(\d*\.?\d+)(px|rem)\b/g)].filter(
      ([, n, unit]) => unit === 'rem' || Number(n) > HAIRLINE_PX,
    );
    if (literals.length) found.push(`${property}: ${value!.trim()}`);
  }
  return found;
}

/** The custom properties with `prefix` that `selector`'s rules declare, in order, e.g. `{ '--bp-space-1': '4px' }`. */
export function declaredProperties(css: string, selector: string, prefix: string): Record<string, string> {
  const found: Record<string, string> = {};
  const rule = new RegExp(`(?:^|\\n)${selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\{([^}]*)\\}`, 'g');
  for (const [, body] of withoutComments(css).matchAll(rule)) {
    for (const [, name, value] of body!.matchAll(new RegExp(`(${prefix}[\\w-]+)\\s*:\\s*([^;]+);`, 'g')))
      found[name!] = value!.trim();
  }
  return found;
}
