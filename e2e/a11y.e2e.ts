import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { seriousViolations } from './axe';
import { card, expect, shot, useJourneys } from './journey';

const portal = useJourneys();
const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Billing sections' }).getByRole('link', { name }).click();

/** Every screen and dialog a customer or agent meets, each checked by axe once it has rendered. */
async function auditScreens(page: Page, theme: string): Promise<Record<string, unknown[]>> {
  const found: Record<string, unknown[]> = {};
  const check = async (screen: string) => {
    found[screen] = await seriousViolations(page);
    if (theme === 'dark') await shot(page, `dark-${screen}`);
  };
  await card(page, 'Pro').waitFor();
  await check('overview');
  await card(page, 'Pro').getByRole('link', { name: 'Change plan' }).click();
  await page.getByRole('radio', { name: 'Choose Business' }).check();
  await page.getByTestId('due-today').waitFor();
  await check('change-plan');
  await nav(page, 'Overview');
  await card(page, 'Pro').getByRole('button', { name: 'Pause payments' }).click();
  await page.getByRole('dialog', { name: 'Pause payments' }).waitFor();
  await check('pause-dialog');
  await page.keyboard.press('Escape');
  await card(page, 'Pro').getByRole('link', { name: 'Cancel plan' }).click();
  await page.getByText('Step 1 of 3').waitFor();
  await check('cancel-survey');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Accept offer' }).waitFor();
  await check('cancel-offer');
  await page.getByRole('button', { name: /No thanks/ }).click();
  await page.getByText(/stays active until/).waitFor();
  await check('cancel-confirm');
  await nav(page, 'Payment methods');
  await page.getByText('Visa ending in 4242').waitFor();
  await check('payment-methods');
  await page.getByRole('button', { name: 'Add payment method' }).click();
  await page.getByRole('dialog', { name: 'Add a card' }).getByLabel('Card number').waitFor();
  await check('add-card-dialog');
  await page.getByRole('dialog', { name: 'Add a card' }).getByRole('button', { name: 'Cancel' }).click();
  await nav(page, 'Invoices');
  await page.getByRole('table', { name: 'Invoice history' }).waitFor();
  await check('invoices');
  await nav(page, 'Billing details');
  await page.getByRole('heading', { name: 'Tax IDs' }).waitFor();
  await check('billing-details');
  return found;
}

describe.each(['light', 'dark'] as const)('accessibility in the %s theme', (theme) => {
  it('has no serious or critical axe violations on any customer screen', async () => {
    const { page } = await portal.signIn('ada@example.com');
    await page.emulateMedia({ colorScheme: theme });
    const found = await auditScreens(page, theme);
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((k) => [k, []])));
  });

  it('has none on the login, pay-invoice and support screens', async () => {
    const found: Record<string, unknown[]> = {};
    const login = await portal.openAnonymous();
    await login.page.emulateMedia({ colorScheme: theme });
    await login.page.getByRole('heading', { name: 'Sign in to billing' }).waitFor();
    found['login'] = await seriousViolations(login.page);
    const { page } = await portal.signIn('alan@example.com');
    await page.emulateMedia({ colorScheme: theme });
    await card(page, 'Starter').getByRole('link', { name: 'Pay now' }).click();
    await page.getByRole('heading', { name: /Pay invoice/ }).waitFor();
    found['pay-invoice'] = await seriousViolations(page);
    const support = await portal.signIn('support@example.com');
    await support.page.emulateMedia({ colorScheme: theme });
    await support.page.getByRole('heading', { name: 'Support console' }).waitFor();
    found['support-console'] = await seriousViolations(support.page);
    await support.page.getByRole('tab', { name: 'Audit trail' }).click();
    // Check the trail with rows in it, one of them showing its recorded input (this file's earlier
    // sign-ins and changes wrote them): an empty table would pass without checking those colours.
    await support.page.getByRole('table').getByRole('term').first().waitFor();
    found['audit-trail'] = await seriousViolations(support.page);
    expect(found).toEqual({ login: [], 'pay-invoice': [], 'support-console': [], 'audit-trail': [] });
  });
});
