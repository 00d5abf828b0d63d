// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { OverviewSection } from '../src/components/overview-section';
import { PaymentMethodSummary } from '../src/components/payment-method-summary';
import { PortalIntl } from '../src/i18n/portal-intl';
import { renderPortal } from './portal-harness';

afterEach(cleanup);

const card = (brand: string | null) => ({ id: 'pm_1', type: 'card', brand, last4: '4242', expMonth: 4, expYear: 2030 });

describe('a listed card', () => {
  it.each([
    ['visa', 'visa'],
    ['mastercard', 'mastercard'],
    ['amex', 'amex'],
    ['discover', 'discover'],
    ['jcb', 'jcb'],
    ['unionpay', 'unionpay'],
    ['diners', 'diners'],
    ['diners_club', 'diners_club'],
    ['cartes_bancaires', 'unknown'],
  ])('shows a %s card with its brand mark (%s), hidden from screen readers, beside its name', async (brand, mark) => {
    render(
      <PortalIntl locale="en">
        <PaymentMethodSummary method={card(brand) as never} />
      </PortalIntl>,
    );
    const name = await screen.findByText(/ending in 4242/);
    const svg = name.closest('.bp-pm')!.querySelector('svg')!;
    expect(svg.getAttribute('aria-hidden')).toBe('true');
    expect(svg.dataset.brand).toBe(mark);
    // Each mark is drawn differently: a wrong mapping cannot pass by drawing the same thing.
    expect(svg.innerHTML.length).toBeGreaterThan(40);
  });
});

describe('while the overview loads', () => {
  it('shows a placeholder shaped like a subscription card, announced as loading', async () => {
    // A server that never answers keeps the overview loading.
    renderPortal(<OverviewSection />, {
      url: 'http://127.0.0.1:9/trpc',
      token: 't',
      fetch: () => new Promise<Response>(() => {}),
    });
    const loading = await screen.findByRole('status', { name: 'Loading your plan' });
    expect(loading.getAttribute('aria-busy')).toBe('true');
    // Name and status, price, two lines of details, two action buttons: the card's outline.
    expect(loading.querySelectorAll('.bp-skeleton-line')).toHaveLength(5);
    expect(loading.querySelectorAll('.bp-skeleton-button')).toHaveLength(2);
  });
});
