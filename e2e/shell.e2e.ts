import { describe, it } from 'vitest';
import { card, expect, shot, unexpected, useJourneys } from './journey';

const portal = useJourneys();

describe('the app frame around the portal', () => {
  it('speaks German: the header, "Sign out", <html lang> and the page title, with the business name', async () => {
    const { page, errors } = await portal.signIn('barbara@example.com', 'de-DE');
    await page.getByRole('button', { name: 'Abmelden', exact: true }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'de',
      'ltr',
    ]);
    await expect.poll(() => page.title()).toBe('Abrechnung · Acme Cloud');
    expect(await page.locator('header .brand').textContent()).toBe('Acme Cloud');
    expect(await page.getByRole('combobox', { name: 'Design' }).inputValue()).toBe('system');
    expect(unexpected(errors)).toEqual([]);
  });

  it('speaks Arabic right to left, the whole document', async () => {
    const { page, errors } = await portal.signIn('barbara@example.com', 'ar-EG');
    await page.getByRole('button', { name: 'تسجيل الخروج', exact: true }).waitFor();
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([
      'ar',
      'rtl',
    ]);
    await expect.poll(() => page.title()).toBe('الفوترة · Acme Cloud');
    // Mirrored frame: the brand sits at the right edge, "Sign out" at the left.
    const brand = (await page.locator('header .brand').boundingBox())!;
    const signOut = (await page.getByRole('button', { name: 'تسجيل الخروج', exact: true }).boundingBox())!;
    expect(brand.x).toBeGreaterThan(signOut.x);
    await shot(page, 'shell-ar');
    await page.setViewportSize({ width: 390, height: 900 });
    await shot(page, 'shell-ar-390');
    expect(unexpected(errors)).toEqual([]);
  });

  it('switches to dark and remembers it after a reload', async () => {
    const { page, errors } = await portal.signIn('ada@example.com');
    await card(page, 'Pro').waitFor();
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await page.locator('.bp-root').getAttribute('data-theme')).toBe('dark');
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await background()).toBe('rgb(18, 20, 27)');
    await page.reload();
    await card(page, 'Pro').waitFor();
    expect(await page.getByRole('combobox', { name: 'Theme' }).inputValue()).toBe('dark');
    expect(await page.locator('.bp-root').getAttribute('data-theme')).toBe('dark');
    await shot(page, 'dark-overview-chosen');
    await page.setViewportSize({ width: 390, height: 900 });
    await shot(page, 'dark-overview-390');
    await page.getByRole('combobox', { name: 'Theme' }).selectOption('light');
    expect(await background()).toBe('rgb(246, 247, 251)');
    expect(unexpected(errors)).toEqual([]);
  });
});
