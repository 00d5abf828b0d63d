import type { DiscountView, SubscriptionView } from '@portal/contract';
import { useIntl } from 'react-intl';
import { useFormat } from './use-format';

/** Renewal, trial, next invoice and discounts: the dates and amounts a customer plans around. */
export function SubscriptionDetails({ subscription: s }: { subscription: SubscriptionView }) {
  const intl = useIntl();
  const format = useFormat();
  const discountValue = (d: DiscountView) =>
    d.percentOff !== null
      ? intl.formatMessage({ id: 'subscription.discountPercent' }, { percent: d.percentOff })
      : d.amountOff
        ? intl.formatMessage({ id: 'subscription.discountAmount' }, { amount: format.money(d.amountOff) })
        : '';
  return (
    <div className="bp-details">
      {s.status === 'trialing' && s.trialEnd && (
        <p>{intl.formatMessage({ id: 'subscription.trialEnds' }, { date: format.date(s.trialEnd) })}</p>
      )}
      {/* While paused nothing renews or is collected: the pause notice gives the date that matters. */}
      {s.currentPeriodEnd && !s.cancelAtPeriodEnd && !s.pauseCollection && s.status !== 'canceled' && (
        <p>{intl.formatMessage({ id: 'subscription.renewsOn' }, { date: format.date(s.currentPeriodEnd) })}</p>
      )}
      {s.nextInvoice && !s.cancelAtPeriodEnd && !s.pauseCollection && (
        <p>
          {intl.formatMessage(
            { id: 'subscription.nextInvoice' },
            { amount: format.money(s.nextInvoice.amount), date: format.date(s.nextInvoice.date) },
          )}
        </p>
      )}
      {s.discounts.map((d) => (
        <p key={d.id} className="bp-discount">
          {intl.formatMessage(
            { id: 'subscription.discount' },
            { name: d.promotionCode ?? d.name ?? d.id, value: discountValue(d) },
          )}
        </p>
      ))}
    </div>
  );
}
