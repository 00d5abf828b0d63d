import { useState } from 'react';
import { useIntl } from 'react-intl';
import { useSubscriptionActions } from '../hooks/use-subscription-actions';
import { Dialog } from './dialog';
import { ErrorNotice } from './error-notice';
import { useFlash } from './flash';
import { useFormat } from './use-format';

/** Pause collection, optionally until a date the customer picks. */
export function PauseDialog({ subscriptionId, onClose }: { subscriptionId: string; onClose: () => void }) {
  const intl = useIntl();
  const { pause } = useSubscriptionActions();
  const flash = useFlash();
  const format = useFormat();
  const [date, setDate] = useState('');
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  return (
    <Dialog title={intl.formatMessage({ id: 'pause.title' })} onClose={onClose}>
      <p>{intl.formatMessage({ id: 'pause.body' })}</p>
      <label className="bp-field">
        {intl.formatMessage({ id: 'pause.resumeDate' })}
        <input type="date" min={tomorrow} value={date} onChange={(e) => setDate(e.target.value)} />
      </label>
      {pause.error && <ErrorNotice error={pause.error} />}
      <div className="bp-actions">
        <button
          type="button"
          className="bp-button bp-button-primary"
          disabled={pause.isPending}
          onClick={() =>
            pause.mutate(
              { subscriptionId, ...(date ? { resumesAt: new Date(`${date}T00:00:00Z`).toISOString() } : {}) },
              {
                // An action confirmation, not the state (the card says that): what was done, and until when.
                onSuccess: (view) => {
                  onClose();
                  const until = view.pauseCollection?.resumesAt;
                  flash(
                    until
                      ? intl.formatMessage({ id: 'pause.doneUntil' }, { date: format.date(until) })
                      : intl.formatMessage({ id: 'pause.done' }),
                  );
                },
              },
            )
          }
        >
          {intl.formatMessage({ id: 'pause.confirm' })}
        </button>
        <button type="button" className="bp-button" onClick={onClose}>
          {intl.formatMessage({ id: 'common.cancel' })}
        </button>
      </div>
    </Dialog>
  );
}
