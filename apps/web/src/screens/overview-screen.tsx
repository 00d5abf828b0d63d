import { useTRPC } from '@portal/client';
import { useQuery } from '@tanstack/react-query';
import { SubscriptionCard } from '../components/subscription-card';

export function OverviewScreen() {
  const trpc = useTRPC();
  const overview = useQuery(trpc.billing.overview.queryOptions());

  if (overview.isPending) {
    return <div className="card skeleton" aria-busy="true" aria-label="Loading your plan" />;
  }
  if (overview.isError) {
    return (
      <div className="card" role="alert">
        <p>{overview.error.message}</p>
        <button type="button" onClick={() => overview.refetch()}>Try again</button>
      </div>
    );
  }
  const { customer, subscriptions } = overview.data;
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">Your plan</h1>
      {customer.name && <p className="muted">Billing for {customer.name}</p>}
      {subscriptions.length === 0 ? (
        <p className="card">You have no subscriptions yet.</p>
      ) : (
        subscriptions.map((s) => <SubscriptionCard key={s.id} subscription={s} />)
      )}
    </section>
  );
}
