import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES } from '../src/i18n/locales';

const dir = new URL('../src/i18n/messages/', import.meta.url);
const load = (locale: string): Record<string, string> =>
  JSON.parse(readFileSync(new URL(`${locale}.json`, dir), 'utf8'));
const source = load('en');

/** The placeholder names a message uses (nested ones too), which a translation must keep. */
function placeholders(elements: MessageFormatElement[], out = new Set<string>()): Set<string> {
  for (const el of elements) {
    if (el.type === TYPE.argument || el.type === TYPE.number || el.type === TYPE.date || el.type === TYPE.time)
      out.add(el.value);
    if (el.type === TYPE.select || el.type === TYPE.plural) {
      out.add(el.value);
      for (const option of Object.values(el.options)) placeholders(option.value, out);
    }
    if (el.type === TYPE.tag) {
      out.add(`<${el.value}>`);
      placeholders(el.children, out);
    }
  }
  return out;
}

const catalogs = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

describe('message catalogs', () => {
  it('every source message is valid ICU', () => {
    for (const [id, message] of Object.entries(source)) expect(() => parse(message), id).not.toThrow();
  });

  it('a catalog exists for every supported locale, and only for those', () => {
    expect([...catalogs].sort()).toEqual([...SUPPORTED_LOCALES].sort());
  });

  // A confirmation says what was just done; the card beside it says the state. In languages whose past
  // participle is also the state ("Платежи приостановлены."), the same words twice read as a stutter.
  it.each(catalogs)('%s: the pause confirmation does not repeat the paused card’s sentence', (locale) => {
    const catalog = load(locale);
    const state = catalog['subscription.paused']!;
    expect(catalog['pause.done'], locale).not.toContain(state);
    expect(catalog['pause.doneUntil'], locale).not.toContain(state);
  });

  describe.each(catalogs.filter((l) => l !== 'en'))('%s', (locale) => {
    const catalog = load(locale);
    it('has every key of the source and no others', () => {
      expect(Object.keys(catalog).sort()).toEqual(Object.keys(source).sort());
    });
    it('parses and keeps the source placeholders', () => {
      for (const [id, message] of Object.entries(catalog)) {
        const ast = parse(message);
        expect([...placeholders(ast)].sort(), `${locale} ${id}`).toEqual([...placeholders(parse(source[id]!))].sort());
      }
    });
  });
});
