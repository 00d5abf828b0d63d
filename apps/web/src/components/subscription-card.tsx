import type { SubscriptionView } from '@portal/contract';
import { formatDate, formatInterval, formatMoney } from '../lib/format';
import { StatusBadge } from './status-badge';

export function SubscriptionCard({ subscription }: { subscription: SubscriptionView }) {
  const title = subscription.items.map((i) => i.productName).join(' + ');
  return (
    <article className="card subscription" aria-label={`${title} subscription`}>
      <header className="card-head">
        <h2>{title}</h2>
        <StatusBadge status={subscription.status} />
      </header>
      <ul className="items">
        {subscription.items.map((item) => (
          <li key={item.itemId}>
            <span className="price">
              {item.unitAmount ? formatMoney(item.unitAmount) : 'Usage-based'}{' '}
              <span className="muted">{formatInterval(item.interval, item.intervalCount)}</span>
            </span>
            {item.quantity > 1 && <span className="muted"> × {item.quantity} seats</span>}
          </li>
        ))}
      </ul>
      {subscription.currentPeriodEnd && (
        <p className="renewal">
          {subscription.cancelAtPeriodEnd ? 'Ends on ' : 'Renews on '}
          <time dateTime={subscription.currentPeriodEnd}>{formatDate(subscription.currentPeriodEnd)}</time>
        </p>
      )}
    </article>
  );
}
