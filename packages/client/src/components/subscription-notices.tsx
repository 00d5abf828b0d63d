import type { SubscriptionView } from '@portal/contract';
import { useIntl } from 'react-intl';
import { useSubscriptionActions } from '../hooks/use-subscription-actions';
import { PortalLink } from '../routing/router';
import { ErrorNotice } from './error-notice';
import { useFlash } from './flash';
import { useFormat } from './use-format';
import { useViewer } from './use-viewer';

/** The states that need the customer's attention, each with its one-click way out. */
export function SubscriptionNotices({ subscription: s }: { subscription: SubscriptionView }) {
  const intl = useIntl();
  const format = useFormat();
  const { readOnly } = useViewer();
  const actions = useSubscriptionActions();
  const flash = useFlash();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const failed = [actions.reactivate, actions.cancelScheduledChange, actions.resume].find((m) => m.error);
  return (
    <>
      {failed && <ErrorNotice error={failed.error} />}
      {s.pastDue && (
        <div className="bp-notice bp-notice-error" role="status">
          <span>{t('subscription.pastDue', { amount: format.money(s.pastDue.amountDue) })}</span>
          <PortalLink
            className="bp-button bp-button-primary"
            to={`/invoices/${encodeURIComponent(s.pastDue.invoiceId)}/pay`}
          >
            {t('subscription.payNow')}
          </PortalLink>
        </div>
      )}
      {s.cancelAtPeriodEnd && (s.cancelAt ?? s.currentPeriodEnd) && (
        <div className="bp-notice" role="status">
          <span>{t('subscription.pendingCancel', { date: format.date((s.cancelAt ?? s.currentPeriodEnd)!) })}</span>
          {s.actions?.reactivate.allowed !== false && (
            <button
              type="button"
              className="bp-button bp-button-primary"
              disabled={readOnly || actions.reactivate.isPending}
              onClick={() =>
                actions.reactivate.mutate({ subscriptionId: s.id }, { onSuccess: () => flash(t('subscription.kept')) })
              }
            >
              {t('subscription.keepPlan')}
            </button>
          )}
        </div>
      )}
      {s.scheduledChange && (
        <div className="bp-notice" role="status">
          <span>
            {t('subscription.scheduledChange', {
              plan: s.scheduledChange.items.map((i) => i.productName).join(' + '),
              date: format.date(s.scheduledChange.effectiveAt),
            })}
          </span>
          <button
            type="button"
            className="bp-button"
            disabled={readOnly || actions.cancelScheduledChange.isPending}
            onClick={() => actions.cancelScheduledChange.mutate({ subscriptionId: s.id })}
          >
            {t('subscription.undoChange')}
          </button>
        </div>
      )}
      {s.pauseCollection && (
        <div className="bp-notice" role="status">
          <span>
            {s.pauseCollection.resumesAt
              ? t('subscription.pausedUntil', { date: format.date(s.pauseCollection.resumesAt) })
              : t('subscription.paused')}
          </span>
          <button
            type="button"
            className="bp-button bp-button-primary"
            disabled={readOnly || actions.resume.isPending}
            onClick={() =>
              actions.resume.mutate({ subscriptionId: s.id }, { onSuccess: () => flash(t('resume.done')) })
            }
          >
            {t('subscription.resume')}
          </button>
        </div>
      )}
    </>
  );
}
