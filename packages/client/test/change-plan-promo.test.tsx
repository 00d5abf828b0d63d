// @vitest-environment happy-dom
import { DEMO } from '@portal/stripe-emulator';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChangePlanSection } from '../src/components/change-plan-section';
import { clientFor, renderPortal, startServer } from './portal-harness';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
}, 90_000);
afterAll(() => server.close());
afterEach(cleanup);

const tokenOf = (customer: string) =>
  server.tokenFor({ sub: `user-${customer}`, email: `${customer}@example.com`, customer_id: customer });

function applyCode(code: string) {
  fireEvent.change(screen.getByRole('textbox', { name: 'Promotion code' }), { target: { value: code } });
  fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
}

describe('issue 16 item 3: a promotion code in the change-plan screen', () => {
  it('says the code is applied and previews its discount; the confirm bills exactly that', async () => {
    const token = await tokenOf(DEMO.customers.active);
    renderPortal(<ChangePlanSection subscriptionId={DEMO.subscriptions.active} />, { url: server.url, token });
    await screen.findByRole('textbox', { name: 'Promotion code' });
    applyCode('WELCOME20');

    expect((await screen.findByText('Code WELCOME20 applied')).getAttribute('role')).toBe('status');
    const table = await screen.findByRole('table', { name: 'What you will pay' });
    // Pro is $29.00 a month: WELCOME20 takes 20% off the next invoice.
    expect(within(table).getByRole('row', { name: /^Next invoice on .* \$23\.20$/ })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Confirm change' }));
    const client = clientFor(server.url, token);
    await waitFor(async () => {
      const overview = await client.billing.overview.query();
      const sub = overview.subscriptions.find((s) => s.id === DEMO.subscriptions.active)!;
      expect(sub.nextInvoice?.amount).toEqual({ amount: 2320, currency: 'usd' });
      expect(sub.discounts.map((d) => d.promotionCode)).toEqual(['WELCOME20']);
    });
  });

  it('shows a translated reason for a code that does not exist, and one already applied', async () => {
    const token = await tokenOf(DEMO.customers.active);
    renderPortal(<ChangePlanSection subscriptionId={DEMO.subscriptions.active} />, { url: server.url, token });
    await screen.findByRole('textbox', { name: 'Promotion code' });
    applyCode('NOSUCHCODE');
    expect((await screen.findByRole('alert')).textContent).toBe('This promotion code is not valid or has expired.');
    // The first test put WELCOME20 on this subscription: it is not added a second time.
    applyCode('WELCOME20');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('This promotion code is already applied.'));
    expect(screen.queryByText('Code WELCOME20 applied')).toBeNull();
  });
});
