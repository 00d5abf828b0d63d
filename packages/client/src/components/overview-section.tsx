import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { useTRPC } from '../provider';
import { PortalLink } from '../routing/router';
import { ErrorNotice } from './error-notice';
import { HostedPortalButton } from './hosted-portal-button';
import { PaymentMethodSummary } from './payment-method-summary';
import { SubscriptionCard } from './subscription-card';
import { useFormat } from './use-format';
import { Skeleton } from './skeleton';

export function OverviewSection({ hostedReturnUrl }: { hostedReturnUrl?: string | undefined }) {
  const intl = useIntl();
  const trpc = useTRPC();
  const format = useFormat();
  const overview = useQuery(trpc.billing.overview.queryOptions());

  if (overview.isPending) {
    return <Skeleton shape="subscription" label={intl.formatMessage({ id: 'overview.loading' })} />;
  }
  if (overview.isError) {
    const noCustomer = (overview.error.data as { reason?: string } | undefined)?.reason === 'NO_BILLING_CUSTOMER';
    if (noCustomer) return <p className="bp-card">{intl.formatMessage({ id: 'overview.noCustomer' })}</p>;
    return <ErrorNotice error={overview.error} onRetry={() => overview.refetch()} />;
  }
  const { customer, subscriptions, defaultPaymentMethod, creditBalance } = overview.data;
  return (
    <section aria-labelledby="bp-overview-title">
      <h1 id="bp-overview-title">{intl.formatMessage({ id: 'overview.title' })}</h1>
      {customer.name && (
        <p className="bp-muted">{intl.formatMessage({ id: 'overview.billingFor' }, { name: customer.name })}</p>
      )}
      {subscriptions.length === 0 ? (
        <p className="bp-card">{intl.formatMessage({ id: 'overview.empty' })}</p>
      ) : (
        subscriptions.map((s) => <SubscriptionCard key={s.id} subscription={s} />)
      )}
      <div className="bp-card bp-summary">
        <h2>{intl.formatMessage({ id: 'overview.defaultPaymentMethod' })}</h2>
        <p>
          {defaultPaymentMethod ? (
            <PaymentMethodSummary method={defaultPaymentMethod} />
          ) : (
            intl.formatMessage({ id: 'overview.noPaymentMethod' })
          )}{' '}
          <PortalLink to="/payment-methods">{intl.formatMessage({ id: 'overview.managePaymentMethods' })}</PortalLink>
        </p>
        {creditBalance && creditBalance.amount > 0 && (
          <p>
            {intl.formatMessage({ id: 'overview.creditBalance' }, { amount: format.money(creditBalance) })}{' '}
            <span className="bp-muted">{intl.formatMessage({ id: 'overview.creditBalanceHint' })}</span>
          </p>
        )}
      </div>
      {hostedReturnUrl && <HostedFallback returnUrl={hostedReturnUrl} />}
    </section>
  );
}

function HostedFallback({ returnUrl }: { returnUrl: string }) {
  const intl = useIntl();
  return (
    <p>
      <HostedPortalButton returnUrl={returnUrl} className="bp-button">
        {intl.formatMessage({ id: 'overview.hostedPortal' })}
      </HostedPortalButton>
    </p>
  );
}
