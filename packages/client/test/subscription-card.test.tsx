// @vitest-environment happy-dom
import type { SubscriptionView } from '@portal/contract';
import { cleanup, render, screen } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { IntlProvider } from 'react-intl';
import { afterEach, describe, expect, it } from 'vitest';
import { SubscriptionCard } from '../src/components/subscription-card';
import { FlashProvider } from '../src/components/flash';
import en from '../src/i18n/messages/en.json';
import { BillingProvider } from '../src/provider';
import { createBillingClient } from '../src/client';
import { PortalRouter } from '../src/routing/router';

afterEach(cleanup);

const usd = (amount: number) => ({ amount, currency: 'usd' });
const subscription = (over: Partial<SubscriptionView> = {}): SubscriptionView =>
  ({
    id: 'sub_1',
    status: 'active',
    items: [
      {
        itemId: 'si_1',
        priceId: 'price_team_monthly',
        productId: 'prod_team',
        productName: 'Team',
        unitAmount: usd(1200),
        interval: 'month',
        intervalCount: 1,
        quantity: 5,
      },
    ],
    currentPeriodEnd: '2026-12-15T00:00:00.000Z',
    cancelAtPeriodEnd: false,
    cancelAt: null,
    trialEnd: null,
    nextInvoice: { date: '2026-12-15T00:00:00.000Z', amount: usd(6000) },
    discounts: [],
    pastDue: null,
    scheduledChange: null,
    pauseCollection: null,
    actions: null,
    ...over,
  }) as SubscriptionView;

// The card reads nothing from the server on render; the client is only there for its providers.
function show(s: SubscriptionView) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <BillingProvider
      client={createBillingClient({ url: 'http://127.0.0.1:9/trpc', fetch: () => new Promise<Response>(() => {}) })}
      queryClient={queryClient}
    >
      <PortalRouter basePath="/billing">
        <IntlProvider locale="en-US" messages={en}>
          <FlashProvider>
            <SubscriptionCard subscription={s} />
          </FlashProvider>
        </IntlProvider>
      </PortalRouter>
    </BillingProvider>,
  );
  return screen.getByRole('article', { name: 'Team subscription' });
}

describe('the subscription card', () => {
  it('prices seats per seat and shows what the seats cost in total', () => {
    const card = show(subscription());
    expect(card.textContent).toContain('$12.00 per seat per month');
    expect(card.textContent).toContain('5 seats · $60.00 in total');
  });

  it('a single-unit plan shows its price alone', () => {
    const card = show(subscription({ items: [{ ...subscription().items[0]!, quantity: 1 }] }));
    expect(card.textContent).toContain('$12.00 per month');
    expect(card.textContent).not.toContain('per seat');
  });

  it('a paused plan says Paused, not Active, and does not promise a renewal', () => {
    const card = show(subscription({ pauseCollection: { behavior: 'void', resumesAt: '2027-01-10T00:00:00.000Z' } }));
    expect(card.querySelector('.bp-badge')?.textContent).toBe('Paused');
    expect(card.textContent).not.toContain('Renews on');
    expect(card.textContent).not.toContain('Next invoice');
    expect(card.textContent).toContain('Payments are paused until January 10, 2027.');
  });
});
