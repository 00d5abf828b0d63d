/** Stripe's hosted-portal locales, plus Arabic and Hebrew (right-to-left). */
export const SUPPORTED_LOCALES = [
  'bg',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'en-AU',
  'en-CA',
  'en-GB',
  'en-IE',
  'en-IN',
  'en-NZ',
  'en-SG',
  'es',
  'es-419',
  'et',
  'fi',
  'fil',
  'fr',
  'fr-CA',
  'hr',
  'hu',
  'id',
  'it',
  'ja',
  'ko',
  'lt',
  'lv',
  'ms',
  'mt',
  'nb',
  'nl',
  'pl',
  'pt',
  'pt-BR',
  'ro',
  'ru',
  'sk',
  'sl',
  'sv',
  'th',
  'tr',
  'vi',
  'zh',
  'zh-HK',
  'zh-TW',
  'ar',
  'he',
] as const;
export type SupportedLocale = (typeof SUPPORTED_LOCALES)[number];

const RTL = new Set(['ar', 'he']);
export const isRtl = (locale: string) => RTL.has(locale.split('-')[0]!);

/**
 * The first of `candidates` the portal speaks: an exact match, then the language alone
 * (`de-AT` → `de`, `pt-PT` → `pt`), else English.
 */
export function resolveLocale(candidates: readonly (string | null | undefined)[]): SupportedLocale {
  const supported = new Map(SUPPORTED_LOCALES.map((l) => [l.toLowerCase(), l]));
  for (const candidate of candidates) {
    if (!candidate) continue;
    const lower = candidate.toLowerCase();
    const exact = supported.get(lower);
    if (exact) return exact;
    const language = supported.get(lower.split('-')[0]!);
    if (language) return language;
  }
  return 'en';
}
