import { TRPCClientError } from '@trpc/client';
import { useIntl } from 'react-intl';

/** An error in words a customer understands, with a retry when one can help. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const intl = useIntl();
  let message = intl.formatMessage({ id: 'common.error.generic' });
  if (error instanceof TRPCClientError) {
    // The server already words its errors for customers (and hides internals on 5xx).
    message = error.message && !/fetch|network/i.test(error.message) ? error.message : intl.formatMessage({ id: 'common.error.network' });
  }
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
