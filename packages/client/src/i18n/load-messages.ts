import en from './messages/en.json';
import type { SupportedLocale } from './locales';

export type Messages = Record<string, string>;
export type MessageId = keyof typeof en;
export const sourceMessages: Messages = en;

// Vite turns each catalog into its own chunk: only the active locale is fetched.
const catalogs = import.meta.glob<{ default: Messages }>(['./messages/*.json', '!./messages/en.json']);

/** The catalog for `locale`, with English filling any key a translation lacks. */
export async function loadMessages(locale: SupportedLocale): Promise<Messages> {
  if (locale === 'en') return en;
  const load = catalogs[`./messages/${locale}.json`];
  if (!load) return en;
  const { default: messages } = await load();
  return { ...en, ...messages };
}
