/**
 * The tax ID types the picker offers, with an example in Stripe's documented format as the
 * placeholder and hint. Stripe accepts many more; it validates each value against its type.
 */
export const TAX_ID_TYPES = [
  { type: 'eu_vat', example: 'DE123456789' },
  { type: 'gb_vat', example: 'GB123456789' },
  { type: 'us_ein', example: '12-3456789' },
  { type: 'au_abn', example: '12345678912' },
  { type: 'ca_bn', example: '123456789' },
  { type: 'ca_gst_hst', example: '123456789RT0002' },
  { type: 'ch_vat', example: 'CHE-123.456.789 MWST' },
  { type: 'in_gst', example: '12ABCDE3456FGZH' },
  { type: 'jp_cn', example: '1234567891234' },
  { type: 'br_cnpj', example: '01.234.456/5432-10' },
  { type: 'no_vat', example: '123456789MVA' },
  { type: 'nz_gst', example: '123456789' },
  { type: 'za_vat', example: '4123456789' },
  { type: 'sg_gst', example: 'M12345678X' },
  { type: 'mx_rfc', example: 'ABC010203AB9' },
  { type: 'ae_trn', example: '123456789012345' },
] as const;

export type TaxIdType = (typeof TAX_ID_TYPES)[number]['type'];

const KNOWN = new Set<string>(TAX_ID_TYPES.map((t) => t.type));
export const isKnownTaxIdType = (type: string): type is TaxIdType => KNOWN.has(type);
export const exampleFor = (type: string) => TAX_ID_TYPES.find((t) => t.type === type)?.example ?? '';
