import { createEmulator, type RunningEmulator } from '@portal/stripe-emulator';
import type { Browser, Page } from 'playwright-core';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, screenshot } from './browser';
import { startElementsPage, type ElementsPage } from './elements-page';

// <Elements> + <PaymentElement> from @stripe/react-stripe-js, unchanged, against the emulator's
// Stripe.js stand-in in Chromium; results are checked on the emulator through the official SDK.
const PK = 'pk_test_e2e_standin';
let emulator: RunningEmulator;
let stripe: Stripe;
let site: ElementsPage;
let browser: Browser;

beforeAll(async () => {
  emulator = await createEmulator({ seed: 'none' }).listen({ port: 0 });
  stripe = new Stripe('sk_test_e2e', {
    host: emulator.host,
    port: emulator.port,
    protocol: 'http',
    maxNetworkRetries: 0,
  });
  site = await startElementsPage(emulator.url);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
  await emulator?.close();
});

async function newSetupIntent() {
  const customer = await stripe.customers.create({ email: 'browser@example.com' });
  const si = await stripe.setupIntents.create({
    customer: customer.id,
    usage: 'off_session',
    automatic_payment_methods: { enabled: true },
  });
  return { customer, si, cards: async () => (await stripe.customers.listPaymentMethods(customer.id)).data };
}

async function openForm(
  secret: string,
  extra: { flow?: 'deferred'; kind?: 'payment'; redirect?: 'always' } = {},
): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(browser, site.url({ pk: PK, secret, ...extra }));
  await opened.page.getByTestId('element-state').filter({ hasText: 'ready' }).waitFor();
  return opened;
}

async function fillCard(page: Page, number: string, postal = '94107') {
  await page.getByLabel('Card number').fill(number);
  await page.getByLabel('Expiration date').fill('12 / 34');
  await page.getByLabel('Security code').fill('123');
  await page.getByLabel('Postal code').fill(postal);
}

describe('Stripe.js stand-in with @stripe/react-stripe-js', () => {
  it('saves 4242 4242 4242 4242 with confirmSetup and attaches it to the customer', async () => {
    const { customer, si, cards } = await newSetupIntent();
    const { page, errors } = await openForm(si.client_secret!);
    // The appearance variables reach the real inputs.
    const number = page.getByLabel('Card number');
    expect(await number.evaluate((el) => getComputedStyle(el).borderTopLeftRadius)).toBe('10px');
    await fillCard(page, '4242424242424242');
    expect(await number.inputValue()).toBe('4242 4242 4242 4242');
    await page.getByText('ready, complete').waitFor();
    await screenshot(page, 'stripe-js-card-filled');
    await page.getByRole('button', { name: 'Save card' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe('Card saved (succeeded)');

    const after = await stripe.setupIntents.retrieve(si.id);
    expect(after.status).toBe('succeeded');
    const [pm] = await cards();
    expect(pm?.customer).toBe(customer.id);
    expect(pm?.card).toMatchObject({ brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034 });
    expect(after.payment_method).toBe(pm?.id);
    await screenshot(page, 'stripe-js-card-saved');
    expect(errors).toEqual([]);
  });

  it('shows the decline for 4000 0000 0000 0002 and attaches nothing', async () => {
    const { si, cards } = await newSetupIntent();
    const { page, errors } = await openForm(si.client_secret!);
    await fillCard(page, '4000 0000 0000 0002');
    await page.getByRole('button', { name: 'Save card' }).click();
    const alert = page.getByRole('alert');
    await expect(alert.textContent()).resolves.toBe('Your card was declined.');
    expect(await alert.getAttribute('data-code')).toBe('card_declined');
    await screenshot(page, 'stripe-js-declined');
    expect((await stripe.setupIntents.retrieve(si.id)).status).toBe('requires_payment_method');
    expect(await cards()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('validates in the page: Luhn, expiry, CVC; nothing reaches the emulator', async () => {
    const { si } = await newSetupIntent();
    const { page, errors } = await openForm(si.client_secret!);
    await page.getByLabel('Card number').fill('4242 4242 4242 4241');
    await page.getByText('Your card number is invalid.').waitFor();
    expect(await page.getByLabel('Card number').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Expiration date').fill('01 / 20');
    await page.getByText("Your card's expiration year is in the past.").waitFor();
    await page.getByLabel('Security code').fill('1');
    await page.getByLabel('Card number').focus();
    await page.getByText("Your card's security code is incomplete.").waitFor();
    await screenshot(page, 'stripe-js-validation');
    await page.getByRole('button', { name: 'Save card' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Your card number is invalid.');
    expect((await stripe.setupIntents.retrieve(si.id)).status).toBe('requires_payment_method');
    expect(errors).toEqual([]);
  });

  it('shows a 3DS challenge for 4000 0025 0000 3155; approving it saves the card', async () => {
    const { si, cards } = await newSetupIntent();
    const { page, errors } = await openForm(si.client_secret!);
    await fillCard(page, '4000002500003155');
    await page.getByRole('button', { name: 'Save card' }).click();
    const dialog = page.getByRole('dialog', { name: '3D Secure authentication' });
    await dialog.waitFor();
    expect((await stripe.setupIntents.retrieve(si.id)).status).toBe('requires_action');
    await screenshot(page, 'stripe-js-3ds-challenge');
    await dialog.getByRole('button', { name: 'Complete authentication' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe('Card saved (succeeded)');
    expect(await dialog.count()).toBe(0);
    expect((await stripe.setupIntents.retrieve(si.id)).status).toBe('succeeded');
    expect((await cards())[0]?.card?.last4).toBe('3155');
    expect(errors).toEqual([]);
  });

  it('failing the challenge (deferred Elements + elements.submit()) resolves the authentication error', async () => {
    const { si, cards } = await newSetupIntent();
    const { page, errors } = await openForm(si.client_secret!, { flow: 'deferred' });
    await fillCard(page, '4000 0027 6000 3184');
    await page.getByRole('button', { name: 'Save card' }).click();
    const dialog = page.getByRole('dialog', { name: '3D Secure authentication' });
    await dialog.getByRole('button', { name: 'Fail authentication' }).click();
    const alert = page.getByRole('alert');
    await expect(alert.getAttribute('data-code')).resolves.toBe('setup_intent_authentication_failure');
    await screenshot(page, 'stripe-js-3ds-failed');
    const after = await stripe.setupIntents.retrieve(si.id);
    expect(after.status).toBe('requires_payment_method');
    expect(after.last_setup_error?.code).toBe('setup_intent_authentication_failure');
    expect(await cards()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("pays an open invoice's confirmation_secret with confirmPayment through a 3DS challenge (4000 0027 6000 3184)", async () => {
    const customer = await stripe.customers.create({ email: 'payer@example.com' });
    await stripe.invoiceItems.create({ customer: customer.id, amount: 1999, currency: 'usd', description: 'Seats' });
    const draft = await stripe.invoices.create({
      customer: customer.id,
      pending_invoice_items_behavior: 'include',
      collection_method: 'send_invoice',
      days_until_due: 7,
    });
    await stripe.invoices.finalizeInvoice(draft.id);
    const invoice = await stripe.invoices.retrieve(draft.id, { expand: ['confirmation_secret'] });
    const { page, errors } = await openForm(invoice.confirmation_secret!.client_secret, { kind: 'payment' });
    await fillCard(page, '4000 0027 6000 3184');
    await page.getByRole('button', { name: 'Pay' }).click();
    const dialog = page.getByRole('dialog', { name: '3D Secure authentication' });
    await dialog.getByText('$19.99').waitFor();
    await dialog.getByRole('button', { name: 'Complete authentication' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe('Payment succeeded');
    expect((await stripe.invoices.retrieve(draft.id)).status).toBe('paid');
    expect(errors).toEqual([]);
  });

  it("with redirect 'always' (the default) a confirmed setup returns to return_url like Stripe", async () => {
    const { si } = await newSetupIntent();
    const { page, errors } = await openForm(si.client_secret!, { redirect: 'always' });
    await fillCard(page, '5555 5555 5555 4444');
    await page.getByRole('button', { name: 'Save card' }).click();
    await page.waitForURL(/returned=1/);
    // The return page is the same app again; let it load so its console counts too.
    await page.getByTestId('element-state').filter({ hasText: 'ready' }).waitFor();
    const back = new URL(page.url());
    expect(Object.fromEntries(back.searchParams)).toMatchObject({
      setup_intent: si.id,
      setup_intent_client_secret: si.client_secret,
      redirect_status: 'succeeded',
    });
    expect((await stripe.setupIntents.retrieve(si.id)).status).toBe('succeeded');
    expect(errors).toEqual([]);
  });

  it('handleNextAction shows the challenge for an intent the server confirmed', async () => {
    const customer = await stripe.customers.create();
    const pi = await stripe.paymentIntents.create({
      amount: 500,
      currency: 'eur',
      customer: customer.id,
      payment_method: 'pm_card_authenticationRequired',
      confirm: true,
      automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
    });
    expect(pi.status).toBe('requires_action');
    const { page, errors } = await openPage(browser, site.url({ pk: PK, secret: pi.client_secret!, action: 'next' }));
    await page.getByRole('button', { name: 'Authenticate' }).click();
    await page
      .getByRole('dialog', { name: '3D Secure authentication' })
      .getByRole('button', { name: 'Complete authentication' })
      .click();
    await expect(page.getByRole('status').textContent()).resolves.toBe('Payment succeeded');
    expect((await stripe.paymentIntents.retrieve(pi.id)).status).toBe('succeeded');
    expect(errors).toEqual([]);
  });
});
