import type { SubscriptionStatus } from '@portal/contract';
import { useIntl } from 'react-intl';

export function StatusBadge({ status }: { status: SubscriptionStatus }) {
  const intl = useIntl();
  return <span className={`bp-badge bp-badge-${status}`}>{intl.formatMessage({ id: `status.${status}` })}</span>;
}
