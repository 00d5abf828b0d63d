import { describe, it } from 'vitest';
import { expect, shot, unexpected, useJourneys } from './journey';
import { stripeBehind } from './stripe-sdk';

const portal = useJourneys();

describe('billing details and the hosted fallback', () => {
  it('edits the billing address and adds then removes a tax ID', async () => {
    const { page, errors } = await portal.signIn('grace@example.com');
    await page
      .getByRole('navigation', { name: 'Billing sections' })
      .getByRole('link', { name: 'Billing details' })
      .click();
    await page.getByLabel('Address line 1').first().fill('1 Infinite Loop');
    await page.getByLabel('City').first().fill('Cupertino');
    await page.getByLabel('Postal code').first().fill('95014');
    await page.getByLabel('Country').first().selectOption('US');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: /saved/i }).waitFor();
    const stripe = stripeBehind(portal.server);
    const customer = (await stripe.customers.retrieve('cus_demo_trialing')) as {
      address: { line1: string; city: string; country: string } | null;
    };
    expect(customer.address).toMatchObject({ line1: '1 Infinite Loop', city: 'Cupertino', country: 'US' });

    await page.getByRole('combobox', { name: /^Type/ }).selectOption('eu_vat');
    await page.getByLabel('Tax ID number').fill('DE123456789');
    await page.getByRole('button', { name: /Add tax ID/ }).click();
    await page.getByText('DE123456789', { exact: true }).waitFor();
    await shot(page, 'billing-details');
    expect((await stripe.customers.listTaxIds('cus_demo_trialing')).data.map((t) => t.value)).toContain('DE123456789');

    await page.getByRole('button', { name: /Remove .*DE123456789/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Remove tax ID' }).click();
    await page.getByRole('status').filter({ hasText: 'The tax ID was removed.' }).waitFor();
    await page.getByText('DE123456789', { exact: true }).waitFor({ state: 'detached' });
    expect((await stripe.customers.listTaxIds('cus_demo_trialing')).data).toHaveLength(0);
    expect(unexpected(errors)).toEqual([]);
  });

  it("opens Stripe's hosted portal and comes back to the portal", async () => {
    const { page, errors } = await portal.signIn('ada@example.com');
    await page.getByRole('button', { name: 'Open Stripe billing portal' }).click();
    await page.waitForURL((url) => url.pathname.includes('/_hosted/portal'));
    await shot(page, 'hosted-portal');
    await page
      .getByRole('link', { name: /Return|Back/ })
      .first()
      .click();
    await page.waitForURL((url) => url.pathname.startsWith('/billing'));
    await page.getByRole('heading', { name: 'Your plan' }).waitFor();
    expect(unexpected(errors)).toEqual([]);
  });
});
