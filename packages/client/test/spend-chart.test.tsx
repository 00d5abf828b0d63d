// @vitest-environment happy-dom
import type { InvoiceView } from '@portal/contract';
import { cleanup, render, screen, within } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, describe, expect, it } from 'vitest';
import { spendByMonth } from '../src/components/spend-buckets';
import SpendChart from '../src/components/spend-chart';
import en from '../src/i18n/messages/en.json';

afterEach(cleanup);

const NOW = new Date('2026-11-24T13:00:00Z');
let seq = 0;
function invoice(
  createdAt: string,
  amount: number,
  currency = 'usd',
  status: InvoiceView['status'] = 'paid',
): InvoiceView {
  const money = { amount, currency };
  seq += 1;
  return {
    id: `in_${seq}`,
    number: `N-${seq}`,
    status,
    createdAt,
    dueDate: null,
    total: money,
    amountDue: money,
    amountRemaining: { amount: 0, currency },
    pastDue: false,
    invoicePdf: null,
    hostedInvoiceUrl: null,
    subscriptionId: null,
  };
}

describe('spendByMonth', () => {
  it('buckets paid totals into the twelve calendar months ending with this one (UTC)', () => {
    const spend = spendByMonth(
      [
        invoice('2026-11-01T00:00:00Z', 2900),
        invoice('2026-11-20T10:00:00Z', 100),
        invoice('2026-10-31T23:59:59Z', 2900),
        invoice('2025-12-01T00:00:00Z', 500),
        // Outside the window, or not money the customer paid: left out.
        invoice('2025-11-30T23:59:59Z', 9999),
        invoice('2026-09-10T00:00:00Z', 700, 'usd', 'open'),
        invoice('2026-09-10T00:00:00Z', 800, 'usd', 'void'),
      ],
      NOW,
    );
    expect(spend.currency).toBe('usd');
    expect(spend.months).toHaveLength(12);
    expect(spend.months[0]!.start.toISOString()).toBe('2025-12-01T00:00:00.000Z');
    expect(spend.months[11]!.start.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(spend.months.map((m) => m.amount)).toEqual([500, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2900, 3000]);
    expect(spend.total).toBe(6400);
    expect(spend.otherCurrencies).toEqual([]);
  });

  it('charts the most used currency and names the others', () => {
    const spend = spendByMonth(
      [
        invoice('2026-11-02T00:00:00Z', 1000, 'eur'),
        invoice('2026-10-02T00:00:00Z', 1000, 'eur'),
        invoice('2026-11-03T00:00:00Z', 5000, 'usd'),
      ],
      NOW,
    );
    expect(spend.currency).toBe('eur');
    expect(spend.total).toBe(2000);
    expect(spend.otherCurrencies).toEqual(['usd']);
  });

  it('has no currency when nothing was paid', () => {
    const spend = spendByMonth([invoice('2026-11-02T00:00:00Z', 1000, 'usd', 'open')], NOW);
    expect(spend.currency).toBeNull();
    expect(spend.total).toBe(0);
  });
});

describe('SpendChart', () => {
  const renderChart = (invoices: InvoiceView[]) =>
    render(
      <IntlProvider locale="en" messages={en}>
        <SpendChart invoices={invoices} now={NOW} />
      </IntlProvider>,
    );

  it('summarises the year for screen readers and lists every month in a table', () => {
    renderChart([invoice('2026-11-02T00:00:00Z', 2900), invoice('2026-10-02T00:00:00Z', 9900)]);
    expect(
      screen.getByRole('img', { name: /\$128\.00 in the last 12 months, highest in October 2026 at \$99\.00/ }),
    ).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Payments per month in USD' });
    expect(within(table).getByRole('row', { name: 'November 2026 $29.00' })).toBeTruthy();
    expect(within(table).getByRole('row', { name: 'December 2025 $0.00' })).toBeTruthy();
  });

  it('says which currency it charts when invoices were paid in several', () => {
    renderChart([
      invoice('2026-11-02T00:00:00Z', 1000, 'eur'),
      invoice('2026-10-02T00:00:00Z', 1000, 'eur'),
      invoice('2026-11-03T00:00:00Z', 5000, 'jpy'),
    ]);
    expect(
      screen.getByText('The chart shows payments in EUR. Invoices paid in JPY are listed below but not charted.'),
    ).toBeTruthy();
  });

  it('shows an empty state instead of a flat chart', () => {
    renderChart([]);
    expect(screen.getByText('No payments in the last 12 months.')).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
  });
});
