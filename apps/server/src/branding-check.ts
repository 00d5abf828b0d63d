import { contrastRatio, textOn, type PortalConfigFile } from '@portal/contract';

/**
 * Configured brand colours that would fail WCAG AA (4.5:1) as button fills or link text on the
 * portal's white surface. A warning, not an error: the operator decides, but is told at start.
 */
export function brandingWarnings(file: PortalConfigFile): string[] {
  const configs = [['default', file.default] as const, ...Object.entries(file.segments)];
  const warnings: string[] = [];
  for (const [name, config] of configs) {
    const color = config.branding.primaryColor;
    const onFill = contrastRatio(color, textOn(color));
    const asLink = contrastRatio(color, '#ffffff');
    if (onFill < 4.5)
      warnings.push(
        `portal configuration "${name}": text on primaryColor ${color} has contrast ${onFill.toFixed(2)}:1 (WCAG AA needs 4.5:1)`,
      );
    if (asLink < 4.5)
      warnings.push(
        `portal configuration "${name}": primaryColor ${color} as link text on white has contrast ${asLink.toFixed(2)}:1 (WCAG AA needs 4.5:1)`,
      );
  }
  return warnings;
}
