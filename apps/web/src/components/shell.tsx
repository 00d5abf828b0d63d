import { isRtl, LocalePicker, usePortalIntl, useTRPC, type SupportedLocale, type ViewerView } from '@portal/client';
import { useQuery } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { useSessionControl } from '../session/session-control';
import { THEME_CHOICES, type ThemeChoice } from './use-theme';

interface ShellProps {
  viewer?: ViewerView;
  locale: SupportedLocale;
  theme: ThemeChoice;
  /** Given on screens outside the portal (sign-in, support console), which has its own picker. */
  onLocaleChange?: (locale: SupportedLocale) => void;
  onThemeChange: (theme: ThemeChoice) => void;
  children: ReactNode;
}

/** The app's frame: the business's name and logo, the theme switch, who is signed in. */
export function Shell({ viewer, locale, theme, onLocaleChange, onThemeChange, children }: ShellProps) {
  const intl = usePortalIntl();
  const trpc = useTRPC();
  const session = useSessionControl();
  const branding = useQuery(trpc.session.branding.queryOptions(undefined, { staleTime: Infinity })).data;
  const business = branding?.businessName ?? '';
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);

  // The whole document speaks the portal's language: screen readers, hyphenation, mirroring.
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = isRtl(locale) ? 'rtl' : 'ltr';
  }, [locale]);
  const title = business ? intl.formatMessage({ id: 'shell.documentTitle' }, { business }) : '';
  useEffect(() => {
    if (title) document.title = title;
  }, [title]);

  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">
          {branding?.logoUrl && <img className="brand-logo" src={branding.logoUrl} alt="" />}
          {business}
        </span>
        <span className="who">
          {onLocaleChange && <LocalePicker value={locale} onChange={onLocaleChange} />}
          <label className="theme-picker">
            <span className="visually-hidden">{t('shell.theme.label')}</span>
            <select
              value={theme}
              onChange={(e) => onThemeChange(e.target.value as ThemeChoice)}
              aria-label={t('shell.theme.label')}
            >
              {THEME_CHOICES.map((choice) => (
                <option key={choice} value={choice}>
                  {t(`shell.theme.${choice}`)}
                </option>
              ))}
            </select>
          </label>
          {viewer && (
            <>
              <span>{viewer.name ?? viewer.email}</span>
              <button type="button" className="link" onClick={() => void session.signOut()}>
                {t('shell.signOut')}
              </button>
              <button
                type="button"
                className="link"
                onClick={() => void session.signOut({ everywhere: true })}
                title={t('shell.signOutEverywhere.hint')}
              >
                {t('shell.signOutEverywhere')}
              </button>
            </>
          )}
        </span>
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
