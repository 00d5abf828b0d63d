// @vitest-environment happy-dom
import { DEMO } from '@portal/stripe-emulator';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CancelFlowSection } from '../src/components/cancel-flow-section';
import { clientFor, renderPortal, startServer } from './portal-harness';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
}, 90_000);
afterAll(() => server.close());
afterEach(cleanup);

const tokenFor = (customerId: string, suffix: string) =>
  server.tokenFor({ sub: `cancel-${suffix}`, email: `cancel-${suffix}@example.com`, customer_id: customerId });

describe('the cancel flow, step by step', () => {
  it('goes survey → offer → confirm, and the plan is then set to end at the period end', async () => {
    const token = await tokenFor(DEMO.customers.active, 'a');
    renderPortal(<CancelFlowSection subscriptionId={DEMO.subscriptions.active} />, { url: server.url, token });
    await screen.findByText('Step 1 of 3');
    // Stripe's reasons come sorted by code; the catch-all must not sit in the middle of them.
    expect(screen.getAllByRole('radio').at(-1)?.getAttribute('value')).toBe('other');
    fireEvent.click(screen.getByRole('radio', { name: 'Some features are missing' }));
    fireEvent.change(screen.getByLabelText(/Anything else/), { target: { value: 'Need SSO' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));

    await screen.findByText('Step 2 of 3');
    expect(screen.getByRole('button', { name: 'Accept offer' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /No thanks/ }));

    await screen.findByText('Step 3 of 3');
    expect(screen.getByText(/stays active until/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel at end of period' }));

    const client = clientFor(server.url, token);
    await waitFor(async () => {
      const overview = await client.billing.overview.query();
      expect(overview.subscriptions[0]?.cancelAtPeriodEnd).toBe(true);
    });
  });

  it('accepting the retention offer (a pause) keeps the plan instead of cancelling', async () => {
    const token = await tokenFor(DEMO.customers.multiSeat, 'b');
    renderPortal(<CancelFlowSection subscriptionId={DEMO.subscriptions.multiSeat} />, { url: server.url, token });
    await screen.findByText('Step 1 of 3');
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByText('Step 2 of 3');
    fireEvent.click(screen.getByRole('button', { name: 'Accept offer' }));
    const client = clientFor(server.url, token);
    await waitFor(async () => {
      const overview = await client.billing.overview.query();
      expect(overview.subscriptions[0]?.pauseCollection).not.toBeNull();
      expect(overview.subscriptions[0]?.cancelAtPeriodEnd).toBe(false);
    });
  });

  it('answers a subscription that is not the customer’s as not found, changing nothing', async () => {
    const token = await tokenFor(DEMO.customers.trialing, 'c');
    renderPortal(<CancelFlowSection subscriptionId={DEMO.subscriptions.active} />, { url: server.url, token });
    expect(await screen.findByRole('alert')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Continue' })).toBeNull();
  });
});
