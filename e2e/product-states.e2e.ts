import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { card, expect, shot, unexpected, useJourneys } from './journey';
import { stripeBehind } from './stripe-sdk';

const portal = useJourneys();

describe('states a customer must be able to read', () => {
  it('an unknown address or invoice says "not found" instead of showing something else', async () => {
    const { page, errors } = await portal.signIn('ada@example.com');
    await card(page, 'Pro').waitFor();
    await page.goto(`${portal.server.url}/billing/no-such-page`);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    expect(await card(page, 'Pro').count()).toBe(0);
    await shot(page, 'not-found');
    await page.getByRole('link', { name: 'Go to the overview' }).click();
    await card(page, 'Pro').waitFor();

    await page.goto(`${portal.server.url}/billing/invoices/in_does_not_exist/pay`);
    await page.getByText('We could not find this invoice.', { exact: false }).waitFor();
    expect(await page.getByText('does not need to be paid').count()).toBe(0);

    // One of her own, already paid: that one truly needs no payment.
    const [paid] = (
      await stripeBehind(portal.server).invoices.list({ customer: 'cus_demo_active', status: 'paid', limit: 1 })
    ).data;
    await page.goto(`${portal.server.url}/billing/invoices/${paid!.id}/pay`);
    await page.getByText('This invoice does not need to be paid.').waitFor();
    expect(unexpected(errors)).toEqual([]);
  });

  it('a paused plan reads as paused; pause and resume confirm, and a confirmation stays on its screen', async () => {
    const { page, errors } = await portal.signIn('barbara@example.com');
    const sub = page.getByRole('article').first();
    await sub.getByRole('button', { name: 'Pause payments' }).click();
    await page.getByRole('dialog', { name: 'Pause payments' }).getByRole('button', { name: 'Pause payments' }).click();
    // The confirmation says what was done; the card keeps the state (issue 18: not the same sentence twice).
    await page.getByRole('status').filter({ hasText: 'Payments paused.' }).first().waitFor();
    await sub.getByText('Payments are paused.').waitFor();
    expect(await page.getByText('Payments are paused.').count()).toBe(1);
    await sub.getByRole('button', { name: 'Resume payments' }).waitFor();
    expect(await sub.locator('.bp-badge').first().textContent()).toBe('Paused');
    expect(await sub.textContent()).not.toContain('Renews on');
    expect(await sub.textContent()).not.toContain('Active');
    await shot(page, 'paused-overview');

    // The confirmation does not follow the customer to another section.
    await page.getByRole('navigation', { name: 'Billing sections' }).getByRole('link', { name: 'Invoices' }).click();
    await page.getByRole('heading', { level: 1, name: 'Invoices' }).waitFor();
    expect(await page.locator('.bp-flash').count()).toBe(0);
    await page.getByRole('navigation', { name: 'Billing sections' }).getByRole('link', { name: 'Overview' }).click();

    await sub.getByRole('button', { name: 'Resume payments' }).click();
    await page.locator('.bp-flash').filter({ hasText: 'Payments resumed.' }).waitFor();
    await sub.getByText(/Renews on/).waitFor();
    expect(await sub.locator('.bp-badge').first().textContent()).toBe('Active');
    expect(unexpected(errors)).toEqual([]);
  });

  it("in a language whose participle is also the state (Russian), the pause confirmation is not the card's sentence", async () => {
    const ru = JSON.parse(
      readFileSync(new URL('../packages/client/src/i18n/messages/ru.json', import.meta.url), 'utf8'),
    ) as Record<string, string>;
    const { page, errors } = await portal.signIn('margaret@example.com', 'ru-RU');
    const sub = page.getByRole('article').first();
    await sub.getByRole('button', { name: ru['subscription.pause'] }).click();
    await page
      .getByRole('dialog', { name: ru['pause.title'] })
      .getByRole('button', { name: ru['pause.confirm'] })
      .click();
    const state = ru['subscription.paused']!;
    await sub.getByText(state).waitFor();
    const banner = page.locator('.bp-flash');
    await banner.filter({ hasText: ru['pause.done']! }).waitFor();
    expect(await banner.textContent()).not.toContain(state);
    expect(await page.getByText(state).count()).toBe(1);
    expect(unexpected(errors)).toEqual([]);
  });

  it('"Keep my plan" replaces the "your plan will end" confirmation with its own', async () => {
    const { page, errors } = await portal.signIn('ada@example.com');
    await page.goto(`${portal.server.url}/billing/subscriptions/sub_demo_active/cancel`);
    await page.getByRole('radio', { name: "It's too expensive" }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: /No thanks/ }).click();
    await page.getByRole('button', { name: 'Cancel at end of period' }).click();
    const flash = page.locator('.bp-flash');
    await flash.filter({ hasText: /Your plan will end on/ }).waitFor();
    await card(page, 'Pro').getByRole('button', { name: 'Keep my plan' }).click();
    await flash.filter({ hasText: 'Your plan continues.' }).waitFor();
    expect(await page.getByText(/Your plan will end on/).count()).toBe(0);
    expect(unexpected(errors)).toEqual([]);
  });
});
