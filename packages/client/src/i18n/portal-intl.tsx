import { useEffect, useState, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { loadMessages, sourceMessages, type Messages } from './load-messages';
import type { SupportedLocale } from './locales';

/**
 * Provides ICU messages for `locale`. Until a lazily fetched catalog arrives, the previous one
 * (English at first) stays on screen, so text never disappears.
 */
export function PortalIntl({ locale, children }: { locale: SupportedLocale; children: ReactNode }) {
  const [state, setState] = useState<{ locale: SupportedLocale; messages: Messages }>({ locale: 'en', messages: sourceMessages });
  useEffect(() => {
    let current = true;
    loadMessages(locale).then(
      (messages) => current && setState({ locale, messages }),
      () => current && setState({ locale: 'en', messages: sourceMessages }),
    );
    return () => {
      current = false;
    };
  }, [locale]);
  return (
    <IntlProvider locale={state.locale} messages={state.messages} defaultLocale="en">
      {children}
    </IntlProvider>
  );
}
