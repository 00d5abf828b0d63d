import { useIntl } from 'react-intl';
import { errorText } from './error-text';

/** An error in words a customer understands, with a retry when one can help. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const intl = useIntl();
  const message = errorText(intl, error);
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
