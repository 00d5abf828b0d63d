import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { card, expect, shot, unexpected, useJourneys } from './journey';
import { layoutProblems } from './layout';

const portal = useJourneys();

/** Opens a billing section from the portal's navigation and waits for its heading. */
async function openSection(page: Page, link: string, heading: string | RegExp) {
  await page.getByRole('navigation', { name: 'Billing sections' }).getByRole('link', { name: link }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

// Every screen, checked at 390 and 1440 px: no horizontal overflow of the page or of any card,
// and radio buttons and checkboxes drawn as controls, not stretched across the row.
describe('layout of every screen at phone and desktop widths', () => {
  it('customer screens: overview, change plan, cancel survey, payment methods, invoices, details', async () => {
    const { page, errors } = await portal.signIn('ada@example.com');
    const pro = card(page, 'Pro');
    await pro.waitFor();
    expect(await layoutProblems(page), 'overview').toEqual([]);

    await pro.getByRole('link', { name: 'Change plan' }).click();
    await page.getByRole('radio', { name: 'Choose Starter' }).waitFor();
    expect(await layoutProblems(page), 'change plan').toEqual([]);

    await page.goto(`${portal.server.url}/billing/subscriptions/sub_demo_active/cancel`);
    await page.getByText('Step 1 of 3').waitFor();
    expect(await layoutProblems(page), 'cancel survey').toEqual([]);

    await openSection(page, 'Payment methods', 'Payment methods');
    await page.getByText(/ending in/).first().waitFor();
    expect(await layoutProblems(page), 'payment methods').toEqual([]);

    await openSection(page, 'Invoices', 'Invoices');
    await page.getByRole('table').waitFor();
    expect(await layoutProblems(page), 'invoices').toEqual([]);
    await page.setViewportSize({ width: 390, height: 900 });
    await shot(page, 'invoices-390');
    await page.setViewportSize({ width: 1100, height: 760 });

    await openSection(page, 'Billing details', /Billing details/);
    await page.getByRole('checkbox').first().waitFor();
    expect(await layoutProblems(page), 'billing details').toEqual([]);
    await page.setViewportSize({ width: 390, height: 900 });
    await shot(page, 'billing-details-390');
    expect(unexpected(errors)).toEqual([]);
  });

  it('paying an invoice: the card picker', async () => {
    const { page, errors } = await portal.signIn('alan@example.com');
    await openSection(page, 'Invoices', 'Invoices');
    await page.getByRole('link', { name: /Pay now/ }).first().click();
    await page.getByRole('radio').first().waitFor();
    expect(await layoutProblems(page), 'pay invoice').toEqual([]);
    await page.setViewportSize({ width: 390, height: 900 });
    await shot(page, 'pay-invoice-390');
    expect(unexpected(errors)).toEqual([]);
  });

  it('support console: search and audit trail', async () => {
    const { page, errors } = await portal.signIn('support@example.com');
    await page.getByRole('heading', { name: 'Support console' }).waitFor();
    await page.getByLabel('Email or name').fill('ada');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: /View .* as customer/ }).first().waitFor();
    expect(await layoutProblems(page), 'support search').toEqual([]);
    // A visit, so the audit trail has rows with long action names and ids to lay out.
    await page.getByLabel(/Reason for viewing/).fill('ticket #5120, layout check');
    await page.getByRole('button', { name: /View Ada Lovelace as customer/ }).click();
    await page.getByRole('region', { name: 'Read-only view' }).waitFor();
    expect(await layoutProblems(page), 'view-as banner').toEqual([]);
    await page.getByRole('button', { name: 'Stop viewing' }).click();
    await page.getByRole('tab', { name: 'Audit trail' }).click();
    await page.getByRole('cell', { name: /cus_demo_active/ }).first().waitFor();
    expect(await layoutProblems(page), 'support audit').toEqual([]);
    await page.setViewportSize({ width: 1440, height: 900 });
    await shot(page, 'support-audit-1440');
    expect(unexpected(errors)).toEqual([]);
  });
});
