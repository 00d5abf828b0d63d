// @vitest-environment happy-dom
import { DEMO } from '@portal/stripe-emulator';
import { cleanup, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ChangePlanSection } from '../src/components/change-plan-section';
import { renderPortal, startServer } from './portal-harness';

let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
}, 90_000);
afterAll(() => server.close());
afterEach(cleanup);

describe('the plans a single-plan subscription can switch to', () => {
  it('are the plans only: an add-on is offered once, as an add-on, never as a plan to switch to', async () => {
    const token = await server.tokenFor({
      sub: `user-${DEMO.customers.active}`,
      email: 'ada@example.com',
      customer_id: DEMO.customers.active,
    });
    renderPortal(<ChangePlanSection subscriptionId={DEMO.subscriptions.active} />, { url: server.url, token });
    // A loaded machine (the suite runs beside others) takes longer than findBy's 1 s default.
    await screen.findByRole('radio', { name: 'Choose Pro' }, { timeout: 15_000 });
    const plans = screen.getAllByRole('radio', { name: /^Choose / }).map((r) => r.getAttribute('aria-label'));
    expect(plans).toEqual(['Choose Starter', 'Choose Pro', 'Choose Business', 'Choose Team']);
    expect(screen.getByRole('button', { name: 'Add Priority support' })).toBeTruthy();
  });
});
