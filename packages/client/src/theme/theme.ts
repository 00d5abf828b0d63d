import { textOn, type Branding } from '@portal/contract';

export { contrastRatio, luminance, textOn } from '@portal/contract';
import type { CSSProperties } from 'react';

/** The configuration's branding as the CSS variables every portal style reads. */
export function brandingStyle(branding: Partial<Branding> | undefined): CSSProperties {
  const vars: Record<string, string> = {};
  if (branding?.primaryColor) {
    vars['--bp-brand'] = branding.primaryColor;
    vars['--bp-brand-contrast'] = textOn(branding.primaryColor);
  }
  if (branding?.fontFamily) vars['--bp-font'] = branding.fontFamily;
  if (branding?.borderRadius !== undefined) vars['--bp-radius'] = `${branding.borderRadius}px`;
  return vars as CSSProperties;
}
