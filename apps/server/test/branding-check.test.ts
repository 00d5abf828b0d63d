import { PortalConfigFile } from '@portal/contract';
import { describe, expect, it } from 'vitest';
import { brandingWarnings } from '../src/branding-check';

const withColor = (primaryColor: string) =>
  PortalConfigFile.parse({ default: { id: 'x', features: {}, branding: { primaryColor } } });

describe('brand colour contrast at start', () => {
  it('accepts a brand colour that reads well as a fill and as link text', () => {
    expect(brandingWarnings(withColor('#4f46e5'))).toEqual([]);
  });

  it('warns about a pale brand colour, naming the configuration and the ratio', () => {
    const warnings = brandingWarnings(withColor('#ffd54f'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/"default": primaryColor #ffd54f as link text on white has contrast 1\.\d\d:1/);
  });
});
