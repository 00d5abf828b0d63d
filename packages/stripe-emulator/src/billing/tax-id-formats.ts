/**
 * Formats of the common tax ID types (Stripe's documented examples), the country each implies,
 * and whether Stripe verifies that type against a government registry.
 */
export interface TaxIdFormat {
  country: string;
  pattern: RegExp;
  example: string;
  verifies: boolean;
}

const EU_VAT =
  /^(ATU\d{8}|BE[01]\d{9}|BG\d{9,10}|CY\d{8}[A-Z]|CZ\d{8,10}|DE\d{9}|DK\d{8}|EE\d{9}|EL\d{9}|ES[A-Z0-9]\d{7}[A-Z0-9]|FI\d{8}|FR[A-Z0-9]{2}\d{9}|HR\d{11}|HU\d{8}|IE\d{7}[A-Z]{1,2}|IE\d[A-Z]\d{5}[A-Z]|IT\d{11}|LT(\d{9}|\d{12})|LU\d{8}|LV\d{11}|MT\d{8}|NL\d{9}B\d{2}|PL\d{10}|PT\d{9}|RO\d{2,10}|SE\d{12}|SI\d{8}|SK\d{10}|XI\d{9})$/;

export const TAX_ID_FORMATS: Record<string, TaxIdFormat> = {
  eu_vat: { country: '', pattern: EU_VAT, example: 'DE123456789', verifies: true },
  gb_vat: { country: 'GB', pattern: /^GB(\d{9}|\d{12}|GD\d{3}|HA\d{3})$/, example: 'GB123456789', verifies: true },
  us_ein: { country: 'US', pattern: /^\d{2}-\d{7}$/, example: '12-3456789', verifies: false },
  au_abn: { country: 'AU', pattern: /^\d{11}$/, example: '12345678912', verifies: true },
  au_arn: { country: 'AU', pattern: /^\d{12}$/, example: '123456789123', verifies: false },
  ca_bn: { country: 'CA', pattern: /^\d{9}$/, example: '123456789', verifies: false },
  ca_gst_hst: { country: 'CA', pattern: /^\d{9}RT\d{4}$/, example: '123456789RT0002', verifies: false },
  ca_qst: { country: 'CA', pattern: /^\d{10}TQ\d{4}$/, example: '1234567890TQ1234', verifies: false },
  ch_vat: {
    country: 'CH',
    pattern: /^CHE-\d{3}\.\d{3}\.\d{3} (MWST|TVA|IVA)$/,
    example: 'CHE-123.456.789 MWST',
    verifies: false,
  },
  ch_uid: { country: 'CH', pattern: /^CHE-\d{3}\.\d{3}\.\d{3}$/, example: 'CHE-123.456.789', verifies: false },
  in_gst: {
    country: 'IN',
    pattern: /^\d{2}[A-Z]{5}\d{4}[A-Z][1-9A-Z]Z[0-9A-Z]$/,
    example: '12ABCDE3456FGZH',
    verifies: false,
  },
  jp_cn: { country: 'JP', pattern: /^\d{13}$/, example: '1234567891234', verifies: false },
  jp_rn: { country: 'JP', pattern: /^\d{5}$/, example: '12345', verifies: false },
  jp_trn: { country: 'JP', pattern: /^T\d{13}$/, example: 'T1234567891234', verifies: false },
  br_cnpj: {
    country: 'BR',
    pattern: /^\d{2}\.\d{3}\.\d{3}\/\d{4}-\d{2}$/,
    example: '01.234.456/5432-10',
    verifies: false,
  },
  br_cpf: { country: 'BR', pattern: /^\d{3}\.\d{3}\.\d{3}-\d{2}$/, example: '123.456.789-87', verifies: false },
  nz_gst: { country: 'NZ', pattern: /^\d{8,9}$/, example: '123456789', verifies: false },
  no_vat: { country: 'NO', pattern: /^\d{9}MVA$/, example: '123456789MVA', verifies: false },
  za_vat: { country: 'ZA', pattern: /^4\d{9}$/, example: '4123456789', verifies: false },
  sg_uen: { country: 'SG', pattern: /^\d{8,9}[A-Z]$/, example: '123456789F', verifies: false },
  sg_gst: { country: 'SG', pattern: /^[MD]\d{8}[A-Z]$/, example: 'M12345678X', verifies: false },
  kr_brn: { country: 'KR', pattern: /^\d{3}-\d{2}-\d{5}$/, example: '123-45-67890', verifies: false },
  mx_rfc: { country: 'MX', pattern: /^[A-Z&Ñ]{3,4}\d{6}[A-Z0-9]{3}$/, example: 'ABC010203AB9', verifies: false },
  es_cif: { country: 'ES', pattern: /^[A-Z]\d{8}$/, example: 'A12345678', verifies: false },
  de_stn: { country: 'DE', pattern: /^\d{10,11}$/, example: '1234567890', verifies: false },
  ae_trn: { country: 'AE', pattern: /^\d{15}$/, example: '123456789012345', verifies: false },
  il_vat: { country: 'IL', pattern: /^\d{9}$/, example: '000012345', verifies: false },
  tr_tin: { country: 'TR', pattern: /^\d{10}$/, example: '0123456789', verifies: false },
};

/** Countries for EU VAT prefixes (Greece uses EL, Northern Ireland XI). */
export function euVatCountry(value: string): string {
  const prefix = value.slice(0, 2);
  if (prefix === 'EL') return 'GR';
  if (prefix === 'XI') return 'GB';
  return prefix;
}
