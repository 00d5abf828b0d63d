// @vitest-environment happy-dom
import { DEMO } from '@portal/stripe-emulator';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BillingDetailsSection } from '../src/components/billing-details-section';
import { clientFor, renderPortal, startServer } from './portal-harness';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
}, 90_000);
afterAll(() => server.close());
afterEach(cleanup);

const customer = (customerId: string) =>
  server.tokenFor({ sub: `user-${customerId}`, email: `${customerId}@example.com`, customer_id: customerId });

/** Records the inputs the UI sends to `billing.customer.update`. */
function recordUpdates() {
  const sent: unknown[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    if (String(input).includes('billing.customer.update') && typeof init?.body === 'string')
      sent.push(JSON.parse(init.body)['0']);
    return globalThis.fetch(input, init);
  };
  return { sent, fetch };
}

describe('BillingDetailsSection against a real server', () => {
  it('saves a changed name, sending only that field', async () => {
    const token = await customer(DEMO.customers.multiSeat);
    const { sent, fetch } = recordUpdates();
    renderPortal(<BillingDetailsSection />, { url: server.url, token, fetch });
    const name = await screen.findByRole('textbox', { name: 'Name' });
    expect((name as HTMLInputElement).value).toBe('Margaret Hamilton');
    fireEvent.change(name, { target: { value: 'Margaret H. Hamilton' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save details' }));
    expect(await screen.findByText('Your billing details were saved.')).toBeTruthy();
    expect(sent).toEqual([{ name: 'Margaret H. Hamilton', idempotencyKey: expect.any(String) }]);
    const details = await clientFor(server.url, token).billing.customer.get.query();
    expect(details.name).toBe('Margaret H. Hamilton');
    expect(screen.getByRole('button', { name: 'Save details' }).hasAttribute('disabled')).toBe(true);
  });

  it('explains a bad email at the field and sends nothing', async () => {
    const { sent, fetch } = recordUpdates();
    renderPortal(<BillingDetailsSection />, {
      url: server.url,
      token: await customer(DEMO.customers.multiItem),
      fetch,
    });
    const email = await screen.findByRole('textbox', { name: 'Email' });
    fireEvent.change(email, { target: { value: 'barbara-at-example' } });
    fireEvent.blur(email);
    expect(screen.getByText('Enter an email address such as name@example.com.')).toBeTruthy();
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('textbox', { name: 'Email' }).getAttribute('aria-describedby')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save details' }));
    // The form stops at the first field to fix and takes the customer there.
    await waitFor(() => expect(document.activeElement).toBe(email));
    expect(sent).toEqual([]);
  });

  it('ships to the billing address when asked to', async () => {
    const token = await customer(DEMO.customers.active);
    renderPortal(<BillingDetailsSection />, { url: server.url, token });
    const shipping = await screen.findByRole('group', { name: 'Shipping address' });
    fireEvent.click(within(shipping).getByRole('checkbox', { name: 'Same as billing address' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save details' }));
    expect(await screen.findByText('Your billing details were saved.')).toBeTruthy();
    const details = await clientFor(server.url, token).billing.customer.get.query();
    expect(details.shipping).toMatchObject({
      name: 'Ada Lovelace',
      address: { line1: '12 St James Square', city: 'London', country: 'GB' },
    });
  });

  it('adds a tax ID, shows Stripe’s reason for an invalid one, and removes one after confirming', async () => {
    renderPortal(<BillingDetailsSection />, { url: server.url, token: await customer(DEMO.customers.multiItem) });
    const card = within(await screen.findByRole('region', { name: 'Tax IDs' }));
    await card.findByText('No tax IDs yet. Add one to show it on your invoices.');
    const type = card.getByRole('combobox', { name: 'Type' });
    const value = card.getByRole('textbox', { name: 'Tax ID number' });
    expect(value.getAttribute('placeholder')).toBe('DE123456789');

    fireEvent.change(value, { target: { value: 'DE123456789' } });
    fireEvent.click(card.getByRole('button', { name: 'Add tax ID' }));
    const item = (await card.findByText('DE123456789')).closest('li')!;
    expect(within(item).getByText('EU VAT number')).toBeTruthy();
    expect(within(item).getByText(/^(Verification pending|Verified)$/)).toBeTruthy();

    fireEvent.change(type, { target: { value: 'gb_vat' } });
    expect(value.getAttribute('placeholder')).toBe('GB123456789');
    fireEvent.change(value, { target: { value: '12345' } });
    fireEvent.click(card.getByRole('button', { name: 'Add tax ID' }));
    expect((await card.findByRole('alert')).textContent).toBe(
      'That is not a valid UK VAT number. Check the number and try again.',
    );
    expect(value.getAttribute('aria-invalid')).toBe('true');

    // The same number again, typed differently: refused by the server, in words.
    fireEvent.change(type, { target: { value: 'eu_vat' } });
    fireEvent.change(value, { target: { value: 'de 123456789' } });
    fireEvent.click(card.getByRole('button', { name: 'Add tax ID' }));
    await waitFor(() =>
      expect(card.getByRole('alert').textContent).toBe('EU VAT number DE123456789 is already on your account.'),
    );
    expect(card.getAllByText('DE123456789')).toHaveLength(1);

    fireEvent.click(card.getByRole('button', { name: 'Remove EU VAT number DE123456789' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove this tax ID?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove tax ID' }));
    await card.findByText('No tax IDs yet. Add one to show it on your invoices.');
  });

  it('says why a tax ID is refused in the customer’s language, not in Stripe’s English', async () => {
    renderPortal(<BillingDetailsSection />, {
      url: server.url,
      token: await customer(DEMO.customers.trialing),
      locale: 'de',
    });
    const card = within(await screen.findByRole('region', { name: 'Steuernummern' }));
    fireEvent.change(card.getByRole('textbox', { name: 'Steuernummer' }), { target: { value: 'DE12' } });
    fireEvent.click(card.getByRole('button', { name: 'Steuernummer hinzufügen' }));
    const alert = (await card.findByRole('alert')).textContent ?? '';
    expect(alert).not.toMatch(/Invalid value|looks like/);
    expect(alert).toBe('Diese EU-USt-IdNr. ist ungültig. Prüfen Sie die Nummer und versuchen Sie es erneut.');
  });

  it('disables every control for support viewing a customer read-only', async () => {
    const token = await server.tokenFor({ sub: 'agent-2', email: 'agent2@example.com', role: 'support' });
    await clientFor(server.url, token).support.startViewAs.mutate({
      customerId: DEMO.customers.cancelAtPeriodEnd,
      reason: 'component test',
    });
    renderPortal(<BillingDetailsSection />, { url: server.url, token });
    await screen.findByText('DE123456789');
    await waitFor(() => expect(isDisabled(screen.getByRole('textbox', { name: 'Name' }))).toBe(true));
    for (const control of [
      ...screen.getAllByRole('textbox'),
      ...screen.getAllByRole('combobox'),
      ...screen.getAllByRole('button'),
      ...screen.getAllByRole('checkbox'),
    ]) {
      expect(isDisabled(control), control.outerHTML.slice(0, 80)).toBe(true);
    }
  });
});

/** Disabled itself or through a disabled fieldset, as the browser (and a screen reader) sees it. */
const isDisabled = (el: HTMLElement) => el.hasAttribute('disabled') || el.closest('fieldset[disabled]') !== null;
