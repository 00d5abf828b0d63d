import { useEffect, useState, type ReactNode } from 'react';
import { IntlProvider } from 'react-intl';
import { loadedSourceMessages, loadMessages, loadSourceMessages, type Messages } from './load-messages';
import type { SupportedLocale } from './locales';

interface Shown {
  locale: SupportedLocale;
  messages: Messages;
}

/**
 * Provides ICU messages for `locale`. Until a lazily fetched catalog arrives, the previous one
 * (English at first) stays on screen, so text never disappears. English itself is fetched from
 * the start (load-messages.ts) and is normally here before the portal first renders; if not,
 * nothing is shown for that moment rather than untranslated message ids.
 */
export function PortalIntl({ locale, children }: { locale: SupportedLocale; children: ReactNode }) {
  const [state, setState] = useState<Shown | null>(() => {
    const english = loadedSourceMessages();
    return english ? { locale: 'en', messages: english } : null;
  });
  useEffect(() => {
    let current = true;
    const show = (next: Shown) => current && setState(next);
    loadSourceMessages().then(
      (messages) => current && setState((shown) => shown ?? { locale: 'en', messages }),
      () => undefined,
    );
    loadMessages(locale).then(
      (messages) => show({ locale, messages }),
      () =>
        loadSourceMessages().then(
          (messages) => show({ locale: 'en', messages }),
          () => show({ locale: 'en', messages: {} }),
        ),
    );
    return () => {
      current = false;
    };
  }, [locale]);
  if (!state) return <div aria-busy="true" />;
  return (
    <IntlProvider locale={state.locale} messages={state.messages} defaultLocale="en">
      {children}
    </IntlProvider>
  );
}
