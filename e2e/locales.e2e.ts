import { describe, it } from 'vitest';
import { card, expect, shot, unexpected, useJourneys } from './journey';
import { stripeBehind } from './stripe-sdk';

const portal = useJourneys();

/** The overview in the browser's language, with what a reader of that language expects to see. */
const cases = [
  {
    browser: 'de-DE',
    lang: 'de',
    dir: 'ltr',
    heading: /Ihr (Tarif|Plan|Abo)/i,
    money: /29,00\s?\$|\$\s?29,00|29,00 US\$/,
  },
  { browser: 'ja-JP', lang: 'ja', dir: 'ltr', heading: /プラン/, money: /\$29\.00|US\$29\.00|29\.00/ },
  { browser: 'ar-EG', lang: 'ar', dir: 'rtl', heading: /خطت|الخطة|اشتراك/, money: /٢٩|29/ },
  { browser: 'pt-BR', lang: 'pt-BR', dir: 'ltr', heading: /plano/i, money: /US\$\s?29,00/ },
];

describe.each(cases)('the overview in $lang', ({ browser, lang, dir, heading, money }) => {
  it('speaks the language, formats money for it and lays out in its direction', async () => {
    const { page, errors } = await portal.signIn('barbara@example.com', browser);
    const root = page.locator('.bp-root');
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    expect(await root.getAttribute('lang')).toBe(lang);
    expect(await root.getAttribute('dir')).toBe(dir);
    const article = page.getByRole('article').first();
    expect(await article.textContent()).toMatch(money);
    if (dir === 'rtl') {
      // Mirrored: the first section tab sits to the right of the last one.
      const tabs = page.getByRole('navigation').first().getByRole('link');
      const first = (await tabs.first().boundingBox())!;
      const last = (await tabs.last().boundingBox())!;
      expect(first.x).toBeGreaterThan(last.x);
    }
    await shot(page, `locale-${lang}`);
    expect(unexpected(errors)).toEqual([]);
  });
});

describe('choosing a language', () => {
  it('switches the portal at once and saves the choice to the Stripe customer', async () => {
    const { page, errors } = await portal.signIn('grace@example.com');
    await card(page, 'Pro').waitFor();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await page.getByRole('heading', { level: 1, name: /Votre/ }).waitFor();
    const stripe = stripeBehind(portal.server);
    await expect
      .poll(
        async () =>
          ((await stripe.customers.retrieve('cus_demo_trialing')) as { preferred_locales?: string[] })
            .preferred_locales,
      )
      .toEqual(['fr']);
    expect(unexpected(errors)).toEqual([]);
  });
});

describe('a customer whose language in Stripe is not the browser’s', () => {
  it('sees the portal in their own language from its first word, never the browser’s first', async () => {
    // Ada prefers English in Stripe; her browser speaks Arabic. Every language the portal is drawn in is noted.
    const { page, errors } = await portal.openAnonymous('ar-EG');
    await page.evaluate(() => {
      const seen: string[] = [];
      Object.assign(window, { portalLanguages: seen });
      new MutationObserver(() => {
        const lang = document.querySelector('.bp-root[lang]')?.getAttribute('lang');
        if (lang && seen.at(-1) !== lang) seen.push(lang);
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['lang'] });
    });
    await page.locator('.login input[type="email"]').fill('ada@example.com');
    await page.locator('.login input[type="password"]').fill('demo');
    await page.locator('.login button[type="submit"]').click();
    await card(page, 'Pro').waitFor();
    await page.getByRole('heading', { level: 1, name: /Your/ }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { portalLanguages: string[] }).portalLanguages)).toEqual([
      'en',
    ]);
    expect(unexpected(errors)).toEqual([]);
  });
});
