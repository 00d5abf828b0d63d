import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { useTRPC } from '../provider';
import { ErrorNotice } from './error-notice';
import { SubscriptionCard } from './subscription-card';

export function OverviewSection() {
  const intl = useIntl();
  const trpc = useTRPC();
  const overview = useQuery(trpc.billing.overview.queryOptions());

  if (overview.isPending) {
    return <div className="bp-card bp-skeleton" aria-busy="true" aria-label={intl.formatMessage({ id: 'overview.loading' })} />;
  }
  if (overview.isError) {
    const noCustomer = (overview.error.data as { reason?: string } | undefined)?.reason === 'NO_BILLING_CUSTOMER';
    if (noCustomer) return <p className="bp-card">{intl.formatMessage({ id: 'overview.noCustomer' })}</p>;
    return <ErrorNotice error={overview.error} onRetry={() => overview.refetch()} />;
  }
  const { customer, subscriptions } = overview.data;
  return (
    <section aria-labelledby="bp-overview-title">
      <h1 id="bp-overview-title">{intl.formatMessage({ id: 'overview.title' })}</h1>
      {customer.name && <p className="bp-muted">{intl.formatMessage({ id: 'overview.billingFor' }, { name: customer.name })}</p>}
      {subscriptions.length === 0 ? (
        <p className="bp-card">{intl.formatMessage({ id: 'overview.empty' })}</p>
      ) : (
        subscriptions.map((s) => <SubscriptionCard key={s.id} subscription={s} />)
      )}
    </section>
  );
}
