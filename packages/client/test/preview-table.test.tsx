// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { IntlProvider } from 'react-intl';
import { afterEach, describe, expect, it } from 'vitest';
import { PreviewTable } from '../src/components/preview-table';
import en from '../src/i18n/messages/en.json';

type ChangePreview = Parameters<typeof PreviewTable>[0]['preview'];

afterEach(cleanup);

const usd = (amount: number) => ({ amount, currency: 'usd' });
const preview = (over: Partial<ChangePreview> = {}): ChangePreview => ({
  subscriptionId: 'sub_1',
  prorationDate: 1_790_000_000,
  timing: 'now',
  effectiveAt: '2026-11-24T12:00:00.000Z',
  lines: [
    {
      description: 'Unused time on Pro after 24 Nov 2026',
      amount: usd(-2030),
      kind: 'credit',
      productName: 'Pro',
      quantity: 1,
      periodStart: '2026-11-24T12:00:00.000Z',
      periodEnd: '2026-12-15T00:00:00.000Z',
    },
    {
      description: 'Remaining time on Business after 24 Nov 2026',
      amount: usd(6930),
      kind: 'charge',
      productName: 'Business',
      quantity: 1,
      periodStart: '2026-11-24T12:00:00.000Z',
      periodEnd: '2026-12-15T00:00:00.000Z',
    },
  ],
  credit: usd(-2030),
  charge: usd(6930),
  discount: usd(0),
  tax: usd(0),
  total: usd(4900),
  dueToday: usd(4900),
  nextInvoice: { date: '2026-12-15T00:00:00.000Z', amount: usd(9900) },
  items: [],
  ...over,
});

const show = (p: ChangePreview, locale = 'en-US') =>
  render(
    <IntlProvider locale={locale} messages={en}>
      <PreviewTable preview={p} />
    </IntlProvider>,
  );

describe('the change preview table', () => {
  it('itemises the credit and the charge, then what is due today and the next invoice', () => {
    show(preview());
    expect(
      screen.getByRole('rowheader', { name: 'Unused time on 1 × Pro after November 24, 2026' }).nextElementSibling
        ?.textContent,
    ).toBe('-$20.30');
    expect(
      screen.getByRole('rowheader', { name: 'Remaining time on 1 × Business after November 24, 2026' })
        .nextElementSibling?.textContent,
    ).toBe('$69.30');
    expect(screen.getByTestId('due-today').textContent).toBe('$49.00');
    expect(
      screen.getByRole('rowheader', { name: 'Next invoice on December 15, 2026' }).nextElementSibling?.textContent,
    ).toBe('$99.00');
    expect(screen.queryByText('Discount')).toBeNull();
  });

  it('shows a discount and tax only when there is one', () => {
    show(preview({ discount: usd(-500), tax: usd(980), dueToday: usd(5380) }));
    expect(screen.getByRole('rowheader', { name: 'Discount' }).nextElementSibling?.textContent).toBe('-$5.00');
    expect(screen.getByRole('rowheader', { name: 'Tax' }).nextElementSibling?.textContent).toBe('$9.80');
    expect(screen.getByTestId('due-today').textContent).toBe('$53.80');
  });

  it('says a scheduled downgrade charges nothing today, with its date', () => {
    show(preview({ timing: 'period_end', effectiveAt: '2026-12-15T00:00:00.000Z' }));
    expect(screen.getByRole('status').textContent).toBe(
      'This change takes effect on December 15, 2026, at the end of your current period. Nothing is charged today.',
    );
    expect(screen.queryByTestId('due-today')).toBeNull();
  });

  it('a seat decrease booked for the period end still shows the price it books', () => {
    // 5 → 4 Team seats at $12: nothing today, $48.00 from the next invoice.
    show(
      preview({
        timing: 'period_end',
        effectiveAt: '2026-12-15T00:00:00.000Z',
        lines: [],
        nextInvoice: { date: '2026-12-15T00:00:00.000Z', amount: usd(4800) },
      }),
    );
    expect(
      screen.getByRole('rowheader', { name: 'Next invoice on December 15, 2026' }).nextElementSibling?.textContent,
    ).toBe('$48.00');
  });

  it('keeps Stripe’s own text for a line its data does not explain (an invoice item)', () => {
    const item = {
      description: 'Setup fee',
      amount: usd(1500),
      kind: 'other' as const,
      productName: null,
      quantity: null,
      periodStart: null,
      periodEnd: null,
    };
    show(preview({ lines: [item] }));
    expect(screen.getByRole('rowheader', { name: 'Setup fee' }).nextElementSibling?.textContent).toBe('$15.00');
  });

  it('formats zero-decimal currencies without cents', () => {
    show(preview({ lines: [], dueToday: { amount: 500, currency: 'jpy' }, nextInvoice: null }), 'ja-JP');
    expect(screen.getByTestId('due-today').textContent).toMatch(/^[¥￥]500$/);
  });
});
