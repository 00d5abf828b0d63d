import type { PlanView, SubscriptionView } from '@portal/contract';
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { StatusBadge } from './status-badge';
import { useFormat } from './use-format';

function ItemLine({ item }: { item: PlanView }) {
  const intl = useIntl();
  const format = useFormat();
  const cadence =
    item.intervalCount === 1
      ? intl.formatMessage({ id: 'subscription.perInterval' }, { interval: item.interval })
      : intl.formatMessage({ id: 'subscription.everyInterval' }, { interval: item.interval, count: item.intervalCount });
  return (
    <li>
      <span className="bp-price">
        {item.unitAmount ? format.money(item.unitAmount) : intl.formatMessage({ id: 'subscription.usageBased' })}{' '}
        <span className="bp-muted">{cadence}</span>
      </span>
      {item.quantity > 1 && <span className="bp-muted"> · {intl.formatMessage({ id: 'subscription.seats' }, { count: item.quantity })}</span>}
    </li>
  );
}

export function SubscriptionCard({ subscription, actions }: { subscription: SubscriptionView; actions?: ReactNode }) {
  const intl = useIntl();
  const format = useFormat();
  const title = subscription.items.map((i) => i.productName).join(' + ');
  return (
    <article className="bp-card bp-subscription" aria-label={intl.formatMessage({ id: 'subscription.cardLabel' }, { name: title })}>
      <header className="bp-card-head">
        <h2>{title}</h2>
        <StatusBadge status={subscription.status} />
      </header>
      <ul className="bp-items">
        {subscription.items.map((item) => (
          <ItemLine key={item.itemId} item={item} />
        ))}
      </ul>
      {subscription.currentPeriodEnd && (
        <p className="bp-muted">
          {intl.formatMessage(
            { id: subscription.cancelAtPeriodEnd ? 'subscription.endsOn' : 'subscription.renewsOn' },
            { date: <time dateTime={subscription.currentPeriodEnd}>{format.date(subscription.currentPeriodEnd)}</time> },
          )}
        </p>
      )}
      {actions && <div className="bp-actions">{actions}</div>}
    </article>
  );
}
