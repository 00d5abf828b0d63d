import { useIntl } from 'react-intl';
import { SUPPORTED_LOCALES, type SupportedLocale } from '../i18n/locales';

/** Each language named in itself ("Deutsch", "日本語"), so a customer finds their own. */
function nativeName(locale: string): string {
  try {
    const name = new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale;
    return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
  } catch {
    return locale;
  }
}

export function LocalePicker({
  value,
  onChange,
}: {
  value: SupportedLocale;
  onChange: (locale: SupportedLocale) => void;
}) {
  const intl = useIntl();
  return (
    <label className="bp-locale">
      <span className="bp-visually-hidden">{intl.formatMessage({ id: 'locale.label' })}</span>
      <select
        value={value}
        onChange={(e) => onChange(e.target.value as SupportedLocale)}
        aria-label={intl.formatMessage({ id: 'locale.label' })}
      >
        {SUPPORTED_LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {nativeName(l)}
          </option>
        ))}
      </select>
    </label>
  );
}
