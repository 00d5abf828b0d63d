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
    await expect(page.getByRole('rowheader', { name: /Unused time on 1 × Pro after / }).isVisible()).resolves.toBe(
      true,
    );
    await expect(
      page.getByRole('rowheader', { name: /Remaining time on 1 × Business after / }).isVisible(),
    ).resolves.toBe(true);
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

  it('a plan with an add-on: both switch to yearly at once, with one exact preview; then the tier changes and the add-on comes off', async () => {
    const { page, errors } = await portal.signIn('barbara@example.com');
    const stripe = stripeBehind(portal.server);
    await card(page, 'Pro + Priority support').getByRole('link', { name: 'Change plan' }).click();
    await page.getByRole('heading', { name: 'Change plan' }).waitFor();
    // The add-on is shown with its price and a way to take it off, not as an empty block.
    await page.getByRole('button', { name: 'Remove Priority support' }).waitFor();
    await page.getByText('Yearly', { exact: false }).first().click();
    const dueToday = page.getByTestId('due-today');
    await dueToday.waitFor();
    const previewed = cents(await dueToday.textContent());
    expect(previewed).toBeGreaterThan(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    await shot(page, 'multi-item-yearly-preview');
    await page.getByRole('button', { name: 'Confirm change' }).click();
    await page.getByRole('status').filter({ hasText: 'Your plan was changed.' }).waitFor();
    const yearly = await stripe.subscriptions.retrieve('sub_demo_multi');
    expect(yearly.items.data.map((i) => i.price.id).sort()).toEqual([
      'price_demo_pro_yearly',
      'price_demo_support_yearly',
    ]);
    const [latest] = (await stripe.invoices.list({ customer: 'cus_demo_multi', limit: 1 })).data;
    expect(latest?.amount_paid).toBe(previewed);

    // Taking the add-on off lowers the price: booked for the period end, with its price shown.
    await card(page, 'Pro + Priority support').getByRole('link', { name: 'Change plan' }).click();
    await page.getByRole('button', { name: 'Remove Priority support' }).click();
    expect(await page.getByRole('button', { name: 'Keep Priority support' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByText(/takes effect on .*Nothing is charged today/).waitFor();
    expect(cents(await page.getByTestId('next-invoice').textContent())).toBe(29000);
    await shot(page, 'multi-item-remove-addon-preview');
    await page.getByRole('button', { name: 'Confirm change' }).click();
    await card(page, 'Pro + Priority support')
      .getByText(/Changes to Pro on/)
      .waitFor();
    await card(page, 'Pro + Priority support').getByRole('button', { name: 'Undo change' }).click();
    await card(page, 'Pro + Priority support')
      .getByText(/Changes to Pro on/)
      .waitFor({ state: 'detached' });

    // The tier of the plan item, the add-on staying on: an upgrade, applied now.
    await card(page, 'Pro + Priority support').getByRole('link', { name: 'Change plan' }).click();
    await page.getByRole('radio', { name: 'Choose Business' }).check();
    await page.getByTestId('due-today').waitFor();
    await page.getByRole('button', { name: 'Confirm change' }).click();
    await card(page, 'Business + Priority support').waitFor();
    const after = await stripe.subscriptions.retrieve('sub_demo_multi');
    expect(after.items.data.map((i) => i.price.id).sort()).toEqual([
      'price_demo_business_yearly',
      'price_demo_support_yearly',
    ]);
    expect(unexpected(errors)).toEqual([]);
  });

  it('a single plan can take an add-on, on its interval, in the same exact preview', async () => {
    const { page, errors } = await portal.signIn('grace@example.com');
    await card(page, 'Pro').getByRole('link', { name: 'Change plan' }).click();
    await page.getByRole('button', { name: 'Add Priority support' }).click();
    await page.getByTestId('due-today').waitFor();
    await page.getByRole('button', { name: 'Confirm change' }).click();
    await card(page, 'Pro + Priority support').waitFor();
    const sub = await stripeBehind(portal.server).subscriptions.retrieve('sub_demo_trialing');
    expect(sub.items.data.map((i) => i.price.id).sort()).toEqual([
      'price_demo_pro_monthly',
      'price_demo_support_monthly',
    ]);
    expect(unexpected(errors)).toEqual([]);
  });
});
