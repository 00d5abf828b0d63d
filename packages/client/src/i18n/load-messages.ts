import type { IntlConfig } from 'react-intl';
import type en from './messages/en.json';
import type { SupportedLocale } from './locales';

/** A catalog as bundled: FormatJS's AST when precompiled (`vite-plugin.js`), else ICU strings. */
export type Messages = NonNullable<IntlConfig['messages']>;
export type MessageId = keyof typeof en;

// English is the first screen's catalog and every locale's fallback. It is a chunk of its own, so
// the entry (and the sign-in and support screens) do not carry it, and its download starts as soon
// as this module is evaluated: in parallel with the session check, before the portal first renders.
let english: Messages | undefined;
const englishLoad: Promise<Messages> = import('./messages/en.json').then(
  ({ default: messages }) => (english = messages),
);
englishLoad.catch(() => undefined); // handled where it is awaited (PortalIntl falls back)

/** The English catalog if it has arrived (the usual case by the time the portal renders). */
export const loadedSourceMessages = (): Messages | undefined => english;
export const loadSourceMessages = (): Promise<Messages> => englishLoad;

// Vite turns each catalog into its own chunk: only the active locale is fetched.
const catalogs = import.meta.glob<{ default: Messages }>(['./messages/*.json', '!./messages/en.json']);

/** The catalog for `locale`, with English filling any key a translation lacks (both fetched in parallel). */
export async function loadMessages(locale: SupportedLocale): Promise<Messages> {
  const load = catalogs[`./messages/${locale}.json`];
  if (locale === 'en' || !load) return englishLoad;
  const [source, { default: messages }] = await Promise.all([englishLoad, load()]);
  return { ...source, ...messages } as Messages;
}
