import { useState } from 'react';
import { useIntl } from 'react-intl';
import { errorText } from './error-text';

/** A code the customer types; the preview validates it inline (a refused code shows its translated reason). */
export function PromotionCodeField({
  value,
  onApply,
  error,
  applied,
}: {
  value: string | undefined;
  onApply: (code: string | undefined) => void;
  error: unknown;
  applied: boolean;
}) {
  const intl = useIntl();
  const [draft, setDraft] = useState(value ?? '');
  const message = error ? errorText(intl, error) : null;
  return (
    <form
      className="bp-inline"
      onSubmit={(e) => {
        e.preventDefault();
        onApply(draft.trim() || undefined);
      }}
    >
      <label className="bp-field">
        {intl.formatMessage({ id: 'change.promo.label' })}
        <input
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          autoCapitalize="characters"
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? 'bp-promo-error' : undefined}
        />
      </label>
      <button type="submit" className="bp-button">
        {intl.formatMessage({ id: 'change.promo.apply' })}
      </button>
      {value && (
        <button type="button" className="bp-button" onClick={() => (setDraft(''), onApply(undefined))}>
          {intl.formatMessage({ id: 'change.promo.remove' })}
        </button>
      )}
      {message && (
        <p id="bp-promo-error" className="bp-error" role="alert">
          {message}
        </p>
      )}
      {/* Feedback that the preview below now includes the code (its discount is a line of it). */}
      {!message && applied && value && (
        <p className="bp-muted" role="status">
          {intl.formatMessage({ id: 'change.promo.applied' }, { code: value })}
        </p>
      )}
    </form>
  );
}
