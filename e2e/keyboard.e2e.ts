import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { card, expect, unexpected, useJourneys } from './journey';
import { stripeBehind } from './stripe-sdk';

const portal = useJourneys();

/** What a screen reader would roughly announce for the focused element (its role, else its tag, and name; through shadow roots). */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el = document.activeElement as HTMLElement | null;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement as HTMLElement;
    if (!el) return '';
    const labelled = el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent;
    return `${el.getAttribute('role') ?? el.tagName.toLowerCase()} ${labelled ?? el.textContent ?? ''}`
      .replace(/\s+/g, ' ')
      .trim();
  });
}

/** Presses Tab until the focused control's name matches; fails if it never does (a keyboard trap or a missing control). */
async function tabTo(page: Page, name: RegExp, max = 80) {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const current = await focusedName(page);
    if (name.test(current)) return;
    seen.push(current);
  }
  throw new Error(`Tab never reached ${name}; focus went through:\n${seen.join('\n')}`);
}

describe('keyboard only', () => {
  it('changes plan with Tab, arrow keys and Enter', async () => {
    const { page, errors } = await portal.signIn('ada@example.com');
    await card(page, 'Pro').waitFor();
    await tabTo(page, /^a Change plan/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Change plan' }).waitFor();
    await tabTo(page, /^radio Choose Pro/);
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('radio', { name: 'Choose Business' }).isChecked()).toBe(true);
    await page.getByTestId('due-today').waitFor();
    await tabTo(page, /^button Confirm change/);
    await page.keyboard.press('Enter');
    await card(page, 'Business').waitFor();
    expect((await stripeBehind(portal.server).subscriptions.retrieve('sub_demo_active')).items.data[0]?.price.id).toBe(
      'price_demo_business_monthly',
    );
    expect(unexpected(errors)).toEqual([]);
  });

  it('cancels at period end through the survey with the keyboard', async () => {
    const { page, errors } = await portal.signIn('barbara@example.com');
    await page.getByRole('article').first().waitFor();
    await tabTo(page, /^a Cancel plan/);
    await page.keyboard.press('Enter');
    await page.getByText('Step 1 of 3').waitFor();
    await tabTo(page, /^radio .*customer service/i);
    await page.keyboard.press('Space');
    await tabTo(page, /^button Continue/);
    await page.keyboard.press('Enter');
    await tabTo(page, /^button No thanks/);
    await page.keyboard.press('Enter');
    await tabTo(page, /^button Cancel at end of period/);
    await page.keyboard.press('Enter');
    await page
      .getByText(/Your plan ends on/)
      .first()
      .waitFor();
    const sub = await stripeBehind(portal.server).subscriptions.retrieve('sub_demo_multi');
    expect(sub.cancel_at_period_end).toBe(true);
    expect(sub.cancellation_details?.feedback).toBe('customer_service');
    expect(unexpected(errors)).toEqual([]);
  });

  it('adds a card in the dialog without a mouse, and focus returns to the page', async () => {
    const { page, errors } = await portal.signIn('margaret@example.com');
    await page.getByRole('article').first().waitFor();
    await tabTo(page, /^a Payment methods/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Payment methods' }).waitFor();
    await tabTo(page, /^button Add payment method/);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Add a card' });
    await dialog.getByLabel('Card number').waitFor();
    await tabTo(page, /^input Card number/);
    await page.keyboard.type('4242424242424242');
    await tabTo(page, /^input Expiration/);
    await page.keyboard.type('1234');
    await tabTo(page, /^input Security code/);
    await page.keyboard.type('123');
    await tabTo(page, /^button Save card/);
    await page.keyboard.press('Enter');
    await page.getByText('Visa ending in 4242').waitFor();
    expect(await focusedName(page)).toMatch(/Add payment method/);
    expect(unexpected(errors)).toEqual([]);
  });
});
