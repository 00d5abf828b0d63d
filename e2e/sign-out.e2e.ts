import { describe, expect, it } from 'vitest';
import { card, unexpected, useJourneys } from './journey';

// #16 item 1: nothing of the previous customer's billing may stay on screen after sign-out, and a
// session that ends underneath the page leads to sign-in and then back to where the user was.
const j = useJourneys();

describe('signing out and losing the session', () => {
  it('sign-out shows the sign-in page and nothing of the previous customer, even to the next person', async () => {
    const { page, errors } = await j.signIn('ada@example.com');
    await card(page, 'Pro').waitFor();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();

    await page.getByRole('heading', { name: 'Sign in to billing' }).waitFor();
    expect(await page.getByText('Ada Lovelace').count()).toBe(0);
    expect(await card(page, 'Pro').count()).toBe(0);
    // The old cookie is refused by the server too: reloading does not bring the billing back.
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in to billing' }).waitFor();

    // The next person signs in on the same tab and sees only their own billing.
    await page.getByLabel('Email').fill('katherine@example.com');
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await card(page, 'Business').waitFor();
    expect(await card(page, 'Pro').count()).toBe(0);
    expect(await page.getByText('Ada Lovelace').count()).toBe(0);
    expect(unexpected(errors)).toEqual([]);
  });

  it('a session that ends elsewhere leads to sign-in at the next request, then back to the same page', async () => {
    const { page } = await j.signIn('grace@example.com');
    await page.getByRole('link', { name: 'Invoices' }).click();
    await page.waitForURL(/\/billing\/invoices$/);
    await page.getByRole('heading', { name: 'Invoices' }).first().waitFor();

    // The session disappears underneath the open page (signed out in another tab, expired, revoked).
    await page.context().clearCookies();
    await page.getByRole('link', { name: 'Billing details' }).click();

    await page.getByRole('heading', { name: 'Sign in to billing' }).waitFor({ timeout: 10_000 });
    expect(await page.getByText('Grace Hopper').count()).toBe(0);
    await page.getByLabel('Email').fill('grace@example.com');
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/billing\/details$/);
    await page.getByRole('link', { name: 'Billing details', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/billing/details');
  });

  it('"Sign out everywhere" ends the session in every other browser too', async () => {
    const other = await j.signIn('margaret@example.com');
    await card(other.page, 'Team').waitFor();
    const { page } = await j.signIn('margaret@example.com');
    await card(page, 'Team').waitFor();
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.getByRole('heading', { name: 'Sign in to billing' }).waitFor();

    // The other browser still shows the page it had; its next request leads to sign-in.
    await other.page.getByRole('link', { name: 'Invoices' }).click();
    await other.page.getByRole('heading', { name: 'Sign in to billing' }).waitFor({ timeout: 10_000 });
    expect(await card(other.page, 'Team').count()).toBe(0);
  });
});
