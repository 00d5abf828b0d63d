import { TRPCClientError } from '@trpc/client';
import { useIntl, type IntlShape } from 'react-intl';

/**
 * An error's words: the catalog's message for its `reason` when the catalog has one (so a refusal
 * reads in the customer's language), else the server's customer-facing message.
 */
export function errorMessage(intl: IntlShape, error: unknown): string {
  if (!(error instanceof TRPCClientError)) return intl.formatMessage({ id: 'common.error.generic' });
  const reason = (error.data as { reason?: unknown } | undefined)?.reason;
  const id = typeof reason === 'string' ? `error.reason.${reason}` : null;
  if (id && id in intl.messages) return intl.formatMessage({ id });
  // The server already words its errors for customers (and hides internals on 5xx).
  return error.message && !/fetch|network/i.test(error.message) ? error.message : intl.formatMessage({ id: 'common.error.network' });
}

/** An error in words a customer understands, with a retry when one can help. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const intl = useIntl();
  const message = errorMessage(intl, error);
  return (
    <div className="bp-card bp-notice bp-notice-error" role="alert">
      <p>{message}</p>
      {onRetry && (
        <button type="button" className="bp-button" onClick={onRetry}>
          {intl.formatMessage({ id: 'common.retry' })}
        </button>
      )}
    </div>
  );
}
