// @vitest-environment happy-dom
import { DEMO } from '@portal/stripe-emulator';
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PayInvoiceSection } from '../src/components/pay-invoice-section';
import { clientFor, renderPortal, startServer } from './portal-harness';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
}, 90_000);
afterAll(() => server.close());
afterEach(cleanup);

describe('PayInvoiceSection against a real server', () => {
  it('says "This invoice is already paid" when another tab paid it first, and charges nothing twice', async () => {
    const customer = DEMO.customers.pastDue;
    const token = await server.tokenFor({ sub: `user-${customer}`, email: 'alan@example.com', customer_id: customer });
    const card = await server.attachCard('pm_card_visa', customer);
    const other = clientFor(server.url, token);
    const invoiceId = (await other.billing.invoices.list.query({ status: 'open', limit: 10 })).invoices[0]!.id;

    renderPortal(<PayInvoiceSection invoiceId={invoiceId} />, { url: server.url, token });
    const methods = await screen.findByRole('radiogroup', { name: 'Pay with' });
    fireEvent.click(within(methods).getByRole('radio', { name: /4242/ }));

    // The other tab pays while this screen still shows the invoice as open.
    await other.billing.invoices.pay.mutate({ idempotencyKey: crypto.randomUUID(), invoiceId, paymentMethodId: card });
    fireEvent.click(screen.getByRole('button', { name: /^Pay / }));

    expect(await screen.findByText('This invoice is already paid.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Pay / })).toBeNull();
    const paid = (await other.billing.invoices.list.query({ status: 'paid', limit: 10 })).invoices.filter(
      (i) => i.id === invoiceId,
    );
    expect(paid).toHaveLength(1);
  });
});
