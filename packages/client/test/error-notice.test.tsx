// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { TRPCClientError } from '@trpc/client';
import { IntlProvider } from 'react-intl';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ErrorNotice } from '../src/components/error-notice';
import de from '../src/i18n/messages/de.json';
import en from '../src/i18n/messages/en.json';

afterEach(cleanup);

const show = (error: unknown, onRetry?: () => void) =>
  render(
    <IntlProvider locale="en" messages={en}>
      <ErrorNotice error={error} {...(onRetry ? { onRetry } : {})} />
    </IntlProvider>,
  );

/** An error as the tRPC client hands it over after the server answered. */
function serverError(message: string, code: string, httpStatus: number, reason: string | null = null) {
  return TRPCClientError.from({ error: { message, code: -32000, data: { code, httpStatus, reason } } } as never);
}

describe('errors in words a customer understands', () => {
  it("shows the server's customer-facing message (a card decline keeps its reason)", () => {
    show(serverError('Your card has insufficient funds.', 'BAD_REQUEST', 400));
    expect(screen.getByRole('alert').textContent).toContain('Your card has insufficient funds.');
  });

  it('words a typed refusal from the catalog of the locale (an invoice a racing click already paid)', () => {
    show(serverError('This invoice is already paid.', 'CONFLICT', 409, 'INVOICE_ALREADY_PAID'));
    expect(screen.getByRole('alert').textContent).toContain('This invoice is already paid.');
    cleanup();
    render(
      <IntlProvider locale="de" messages={de}>
        <ErrorNotice error={serverError('This invoice is already paid.', 'CONFLICT', 409, 'INVOICE_ALREADY_PAID')} />
      </IntlProvider>,
    );
    expect(screen.getByRole('alert').textContent).toContain('Diese Rechnung ist bereits bezahlt.');
  });

  it('turns a network failure into advice about the connection', () => {
    show(TRPCClientError.from(new TypeError('Failed to fetch')));
    expect(screen.getByRole('alert').textContent).toContain(
      'We could not reach the billing service. Check your connection and try again.',
    );
  });

  it('never shows an unknown error object raw', () => {
    show({ stack: 'at secret.ts:1', message: 'sk_test_123 leaked' });
    const text = screen.getByRole('alert').textContent ?? '';
    expect(text).toContain('Something went wrong. Please try again.');
    expect(text).not.toContain('sk_test');
  });

  it('offers a retry when one can help', () => {
    const retry = vi.fn();
    show(
      serverError('Billing is briefly unavailable. Please try again in a moment.', 'SERVICE_UNAVAILABLE', 503),
      retry,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(retry).toHaveBeenCalledOnce();
  });
});
