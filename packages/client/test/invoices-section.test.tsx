// @vitest-environment happy-dom
import { DEMO } from '@portal/stripe-emulator';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InvoicesSection } from '../src/components/invoices-section';
import { clientFor, renderPortal, startServer } from './portal-harness';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
}, 90_000);
afterAll(() => server.close());
afterEach(cleanup);

const customer = (customerId: string) =>
  server.tokenFor({ sub: `user-${customerId}`, email: `${customerId}@example.com`, customer_id: customerId });
const bodyRows = () =>
  within(screen.getByRole('table', { name: 'Invoice history' }))
    .getAllByRole('row')
    .slice(1);

describe('InvoicesSection against a real server', () => {
  it('lists invoices with formatted amounts, status and PDF and hosted links', async () => {
    renderPortal(<InvoicesSection />, { url: server.url, token: await customer(DEMO.customers.active) });
    await screen.findByRole('table', { name: 'Invoice history' });
    const rows = bodyRows();
    expect(rows).toHaveLength(3);
    const first = within(rows[0]!);
    expect(first.getByText('$29.00')).toBeTruthy();
    expect(first.getByText('Paid')).toBeTruthy();
    const pdf = first.getByRole('link', { name: /^Download invoice \S+-0003 as PDF$/ });
    expect(pdf.hasAttribute('download')).toBe(true);
    // The PDF lives on another origin, where `download` is ignored: without a new tab it replaced the portal.
    expect(pdf.getAttribute('target')).toBe('_blank');
    expect(pdf.getAttribute('rel')).toContain('noopener');
    expect(pdf.getAttribute('href')).toMatch(/^https?:\/\/.+/);
    expect(first.getByRole('link', { name: /^View invoice \S+-0003 online/ }).getAttribute('target')).toBe('_blank');
    expect(first.queryByRole('link', { name: /Pay now/ })).toBeNull();
  });

  it('loads the next page with "Load more"', async () => {
    renderPortal(<InvoicesSection pageSize={2} />, { url: server.url, token: await customer(DEMO.customers.active) });
    await screen.findByRole('table', { name: 'Invoice history' });
    expect(bodyRows()).toHaveLength(2);
    fireEvent.click(screen.getByRole('button', { name: 'Load more invoices' }));
    await waitFor(() => expect(bodyRows()).toHaveLength(3));
    expect(screen.getByRole('rowheader', { name: /-0001$/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more invoices' })).toBeNull();
  });

  it('filters by status, with an empty state for a status without invoices', async () => {
    renderPortal(<InvoicesSection />, { url: server.url, token: await customer(DEMO.customers.active) });
    await screen.findByRole('table', { name: 'Invoice history' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Show' }), { target: { value: 'open' } });
    expect(await screen.findByText('No invoices with the status “Open”.')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Show' }), { target: { value: 'paid' } });
    await waitFor(() => expect(bodyRows()).toHaveLength(3));
  });

  it('offers "Pay now" for an open, past-due invoice, linking to its pay screen', async () => {
    renderPortal(<InvoicesSection />, { url: server.url, token: await customer(DEMO.customers.pastDue) });
    await screen.findByRole('table', { name: 'Invoice history' });
    fireEvent.change(screen.getByRole('combobox', { name: 'Show' }), { target: { value: 'open' } });
    const pay = await screen.findByRole('link', { name: /^Pay now invoice/ });
    const row = within(pay.closest('tr')!);
    expect(row.getByText('Past due')).toBeTruthy();
    expect(pay.getAttribute('href')).toMatch(/^\/billing\/invoices\/in_\w+\/pay$/);
    fireEvent.click(pay);
    expect(window.location.pathname).toBe(pay.getAttribute('href'));
  });

  it('draws the lazily loaded spend chart with a summary and a table of months', async () => {
    renderPortal(<InvoicesSection />, { url: server.url, token: await customer(DEMO.customers.active) });
    const chart = await screen.findByRole('img', { name: /\$87\.00 in the last 12 months/ });
    expect(chart.querySelectorAll('rect')).toHaveLength(12);
    const table = screen.getByRole('table', { name: 'Payments per month in USD' });
    expect(within(table).getAllByRole('row')).toHaveLength(13);
  });

  it('disables "Pay now" for support viewing a customer read-only', async () => {
    const token = await server.tokenFor({ sub: 'agent-1', email: 'agent@example.com', role: 'support' });
    await clientFor(server.url, token).support.startViewAs.mutate({
      customerId: DEMO.customers.pastDue,
      reason: 'component test',
    });
    window.history.replaceState(null, '', '/billing/invoices');
    renderPortal(<InvoicesSection />, { url: server.url, token });
    await screen.findByRole('table', { name: 'Invoice history' });
    const pay = await screen.findByRole('link', { name: /^Pay now invoice/ });
    await waitFor(() => expect(pay.getAttribute('aria-disabled')).toBe('true'));
    fireEvent.click(pay);
    expect(window.location.pathname).toBe('/billing/invoices');
  });
});
