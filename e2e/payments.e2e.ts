import type { Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { card, expect, shot, unexpected, useJourneys } from './journey';
import { stripeBehind } from './stripe-sdk';

const portal = useJourneys();

async function openPaymentMethods(page: Page) {
  await page
    .getByRole('navigation', { name: 'Billing sections' })
    .getByRole('link', { name: 'Payment methods' })
    .click();
  await page.getByRole('heading', { name: 'Payment methods' }).waitFor();
}

/** Types a card into the PaymentElement (Stripe.js stand-in in embedded mode) and saves it. */
async function addCard(page: Page, number: string) {
  await page.getByRole('button', { name: 'Add payment method' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a card' });
  await dialog.getByLabel('Card number').fill(number);
  await dialog.getByLabel(/Expiration/).fill('12 / 34');
  await dialog.getByLabel(/Security code/).fill('123');
  await dialog.getByRole('button', { name: 'Save card' }).click();
  return dialog;
}

describe('payment methods and invoices', () => {
  it('adds a card, refuses a declined one, passes 3-D Secure, sets the default and removes a card', async () => {
    const { page, errors } = await portal.signIn('ada@example.com');
    const stripe = stripeBehind(portal.server);
    const cardsOf = async () =>
      (await stripe.customers.listPaymentMethods('cus_demo_active')).data.map((pm) => pm.card?.last4);
    await openPaymentMethods(page);

    await addCard(page, '5555 5555 5555 4444');
    await page.getByRole('status').filter({ hasText: 'Your card was added.' }).waitFor();
    await page.getByText('Mastercard ending in 4444').waitFor();
    await shot(page, 'payment-methods-added');

    const declined = await addCard(page, '4000 0000 0000 0002');
    await declined
      .getByRole('alert')
      .filter({ hasText: /declined/i })
      .waitFor();
    await shot(page, 'payment-methods-declined');
    await declined.getByRole('button', { name: 'Cancel' }).click();
    expect(await cardsOf()).not.toContain('0002');

    const threeDs = await addCard(page, '4000 0025 0000 3155');
    await page.getByRole('button', { name: 'Complete authentication' }).click();
    await page.getByText('Visa ending in 3155').waitFor();
    expect(threeDs).toBeTruthy();

    await page.getByRole('button', { name: 'Make Mastercard ending in 4444 the default' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Mastercard ending in 4444 is now your default payment method.' })
      .waitFor();
    const customer = (await stripe.customers.retrieve('cus_demo_active')) as {
      invoice_settings: { default_payment_method: string | null };
    };
    const mastercard = (await stripe.customers.listPaymentMethods('cus_demo_active')).data.find(
      (pm) => pm.card?.last4 === '4444',
    );
    expect(customer.invoice_settings.default_payment_method).toBe(mastercard?.id);

    await page.getByRole('button', { name: 'Remove Visa ending in 3155' }).click();
    await page.getByRole('dialog', { name: 'Remove this card?' }).getByRole('button', { name: 'Remove card' }).click();
    await page.getByRole('status').filter({ hasText: 'The card was removed.' }).waitFor();
    expect(await cardsOf()).not.toContain('3155');
    expect(unexpected(errors)).toEqual([]);
  });

  it('pays a past-due invoice with a new card, and the plan is active again', async () => {
    const { page, errors } = await portal.signIn('alan@example.com');
    const starter = card(page, 'Starter');
    await starter.getByText(/We could not collect/).waitFor();
    await shot(page, 'past-due-overview');
    await card(page, 'Starter').getByRole('link', { name: 'Pay now' }).click();
    await page.getByRole('heading', { name: /Pay invoice/ }).waitFor();
    // The new card is added right here, and is then the one chosen.
    await page.getByRole('button', { name: 'Add a new card' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a card' });
    await dialog.getByLabel('Card number').fill('4242 4242 4242 4242');
    await dialog.getByLabel(/Expiration/).fill('12 / 34');
    await dialog.getByLabel(/Security code/).fill('123');
    await dialog.getByRole('button', { name: 'Save card' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await page.getByRole('radio', { name: /Visa ending in 4242/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Use this card for future payments' }).isChecked()).toBe(true);
    await shot(page, 'pay-invoice');
    await page.getByRole('button', { name: /^Pay \$/ }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Thank you! Invoice .* is paid\./ })
      .waitFor();

    const stripe = stripeBehind(portal.server);
    const open = await stripe.invoices.list({ customer: 'cus_demo_past_due', status: 'open' });
    expect(open.data).toHaveLength(0);
    const subscription = await stripe.subscriptions.retrieve('sub_demo_past_due');
    expect(subscription.status).toBe('active');
    // The next renewal charges the card that worked, not the one that failed.
    const visa = (await stripe.customers.listPaymentMethods('cus_demo_past_due')).data.find(
      (pm) => pm.card?.last4 === '4242',
    );
    const customer = (await stripe.customers.retrieve('cus_demo_past_due')) as {
      invoice_settings: { default_payment_method: string | null };
    };
    expect(customer.invoice_settings.default_payment_method).toBe(visa?.id);
    expect([null, visa?.id]).toContain(subscription.default_payment_method);
    expect(unexpected(errors)).toEqual([]);
  });

  it('downloads an invoice as a real PDF', async () => {
    const { page, errors } = await portal.signIn('katherine@example.com');
    await page.getByRole('navigation', { name: 'Billing sections' }).getByRole('link', { name: 'Invoices' }).click();
    const link = page.getByRole('link', { name: /Download invoice .* as PDF/ }).first();
    await link.waitFor();
    await page.locator('.bp-spend h2').waitFor();
    // The cards' headings are one size, and a card's content starts at its padding (no stray top margin).
    const cards = await page.locator('.bp-card:has(> h2), .bp-card:has(> .bp-card-head)').evaluateAll((all) =>
      all.map((card) => {
        const heading = card.querySelector('h2')!;
        const first = card.firstElementChild!;
        return {
          size: getComputedStyle(heading).fontSize,
          inset: Math.round(first.getBoundingClientRect().top - card.getBoundingClientRect().top),
        };
      }),
    );
    expect(cards.length).toBe(2);
    expect(cards[0]).toEqual(cards[1]);
    await shot(page, 'invoices');
    // The link points at Stripe's (here the emulator's) `invoice_pdf`; fetch it as the browser would.
    const href = await link.getAttribute('href');
    const response = await page.context().request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toContain('application/pdf');
    const bytes = await response.body();
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(1000);
    expect(bytes.subarray(-8).toString()).toContain('%%EOF');
    // The PDF names the business the portal names.
    expect(bytes.toString('latin1')).toContain('Acme Cloud');
    expect(unexpected(errors)).toEqual([]);
  });
});
