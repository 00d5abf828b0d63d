import type { SubscriptionStatus } from '@portal/contract';

const labels: Record<SubscriptionStatus, string> = {
  trialing: 'Trial',
  active: 'Active',
  past_due: 'Past due',
  paused: 'Paused',
  canceled: 'Canceled',
  incomplete: 'Incomplete',
  incomplete_expired: 'Expired',
  unpaid: 'Unpaid',
};

export function StatusBadge({ status }: { status: SubscriptionStatus }) {
  return <span className={`badge badge-${status}`}>{labels[status]}</span>;
}
