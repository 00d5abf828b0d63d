import type { PlanView, SubscriptionView } from '@portal/contract';
import { lazy, Suspense, useState } from 'react';
import { useIntl } from 'react-intl';
import { PortalLink } from '../routing/router';
import { StatusBadge } from './status-badge';
import { SubscriptionDetails } from './subscription-details';
import { SubscriptionNotices } from './subscription-notices';
import { useFormat } from './use-format';
import { useViewer } from './use-viewer';

// The dialog code (focus trap, scroll lock) is fetched when a customer first opens it, not with the overview.
const PauseDialog = lazy(() => import('./pause-dialog').then((m) => ({ default: m.PauseDialog })));

export function useCadence() {
  const intl = useIntl();
  return (interval: string, count: number) =>
    count === 1
      ? intl.formatMessage({ id: 'subscription.perInterval' }, { interval })
      : intl.formatMessage({ id: 'subscription.everyInterval' }, { interval, count });
}

function ItemLine({ item, showName }: { item: PlanView; showName: boolean }) {
  const intl = useIntl();
  const format = useFormat();
  const cadence = useCadence();
  const perInterval = cadence(item.interval, item.intervalCount);
  const seats = item.quantity > 1;
  // With seats the unit price is per seat, and what the customer pays is the total beside it.
  const unit = item.unitAmount ? format.money(item.unitAmount) : null;
  const price = unit
    ? seats
      ? intl.formatMessage({ id: 'subscription.perSeat' }, { amount: unit })
      : unit
    : intl.formatMessage({ id: 'subscription.usageBased' });
  return (
    <li>
      {showName && <span className="bp-item-name">{item.productName} </span>}
      <span className="bp-price">
        {price} <span className="bp-muted">{perInterval}</span>
      </span>
      {seats && (
        <span className="bp-muted">
          {' · '}
          {item.unitAmount
            ? intl.formatMessage(
                { id: 'subscription.seatsTotal' },
                {
                  count: item.quantity,
                  total: format.money({ ...item.unitAmount, amount: item.unitAmount.amount * item.quantity }),
                },
              )
            : intl.formatMessage({ id: 'subscription.seats' }, { count: item.quantity })}
        </span>
      )}
    </li>
  );
}

export function SubscriptionCard({ subscription: s }: { subscription: SubscriptionView }) {
  const intl = useIntl();
  const { readOnly } = useViewer();
  const [pausing, setPausing] = useState(false);
  const title = s.items.map((i) => i.productName).join(' + ');
  const can = (action: keyof NonNullable<SubscriptionView['actions']>) => s.actions?.[action].allowed ?? false;
  const path = `/subscriptions/${encodeURIComponent(s.id)}`;
  return (
    <article
      className="bp-card bp-subscription"
      aria-label={intl.formatMessage({ id: 'subscription.cardLabel' }, { name: title })}
    >
      <header className="bp-card-head">
        <h2>{title}</h2>
        {/* Stripe keeps a paused subscription `active`; what the customer lives is a pause. */}
        <StatusBadge status={s.pauseCollection && s.status === 'active' ? 'paused' : s.status} />
      </header>
      <ul className="bp-items">
        {s.items.map((item) => (
          <ItemLine key={item.itemId} item={item} showName={s.items.length > 1} />
        ))}
      </ul>
      <SubscriptionDetails subscription={s} />
      <SubscriptionNotices subscription={s} />
      {(can('change') || can('cancel') || can('pause')) && (
        <div className="bp-actions">
          {can('change') && (
            <PortalLink
              className="bp-button bp-button-primary"
              to={`${path}/change`}
              aria-disabled={readOnly || undefined}
            >
              {intl.formatMessage({ id: 'subscription.changePlan' })}
            </PortalLink>
          )}
          {can('pause') && (
            <button type="button" className="bp-button" disabled={readOnly} onClick={() => setPausing(true)}>
              {intl.formatMessage({ id: 'subscription.pause' })}
            </button>
          )}
          {can('cancel') && (
            <PortalLink
              className="bp-button bp-button-danger"
              to={`${path}/cancel`}
              aria-disabled={readOnly || undefined}
            >
              {intl.formatMessage({ id: 'subscription.cancel' })}
            </PortalLink>
          )}
        </div>
      )}
      {pausing && (
        <Suspense fallback={null}>
          <PauseDialog subscriptionId={s.id} onClose={() => setPausing(false)} />
        </Suspense>
      )}
    </article>
  );
}
