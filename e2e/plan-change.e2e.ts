import { describe, it } from 'vitest';
import { card, cents, expect, shot, unexpected, useJourneys } from './journey';
import { stripeBehind } from './stripe-sdk';

const portal = useJourneys();

describe('changing plan', () => {
  it('upgrades Pro to Business: the preview is exactly what Stripe charges', async () => {
    const { page, errors } = await portal.signIn('ada@example.com');
    await card(page, 'Pro').getByRole('link', { name: 'Change plan' }).click();
    await page.getByRole('heading', { name: 'Change plan' }).waitFor();
    await page.getByRole('radio', { name: 'Choose Business' }).check();
    const dueToday = page.getByTestId('due-today');
    await dueToday.waitFor();
    const previewed = cents(await dueToday.textContent());
    expect(previewed).toBeGreaterThan(0);
    // The credit for unused Pro time is itemised next to the charge for Business.
    await expect(page.getByRole('rowheader', { name: /Unused time on Pro/ }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('rowheader', { name: /Remaining time on Business/ }).isVisible()).resolves.toBe(true);
    await shot(page, 'change-plan-preview');

    await page.getByRole('button', { name: 'Confirm change' }).click();
    await page.getByRole('status').filter({ hasText: 'Your plan was changed.' }).waitFor();
    await card(page, 'Business').waitFor();
    await shot(page, 'change-plan-done');

    const stripe = stripeBehind(portal.server);
    const [latest] = (await stripe.invoices.list({ customer: 'cus_demo_active', limit: 1 })).data;
    expect(latest?.status).toBe('paid');
    expect(latest?.amount_paid).toBe(previewed);
    expect(unexpected(errors)).toEqual([]);
  });

  it('adds seats to the Team plan with the seat stepper', async () => {
    const { page, errors } = await portal.signIn('margaret@example.com');
    await card(page, 'Team').getByRole('link', { name: 'Change plan' }).click();
    const seats = page.getByRole('spinbutton', { name: 'Seats' });
    await expect(seats.inputValue()).resolves.toBe('5');
    await page.getByRole('button', { name: 'Add a seat' }).click();
    await page.getByRole('button', { name: 'Add a seat' }).click();
    await expect(seats.inputValue()).resolves.toBe('7');
    await page.getByTestId('due-today').waitFor();
    await shot(page, 'seat-change-preview');
    await page.getByRole('button', { name: 'Confirm change' }).click();
    await card(page, 'Team').getByText('7 seats').waitFor();
    const sub = await stripeBehind(portal.server).subscriptions.retrieve('sub_demo_team');
    expect(sub.items.data[0]?.quantity).toBe(7);
    expect(unexpected(errors)).toEqual([]);
  });
});
