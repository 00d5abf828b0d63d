import type { PaymentMethodSummary as Summary } from '@portal/contract';
import { useIntl } from 'react-intl';
import { CardBrand } from './card-brand';

const brandNames: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  american_express: 'American Express',
  diners_club: 'Diners Club',
  cartes_bancaires: 'Cartes Bancaires',
  discover: 'Discover',
  jcb: 'JCB',
  unionpay: 'UnionPay',
  diners: 'Diners Club',
};

export function brandName(brand: string | null): string {
  return brand ? (brandNames[brand] ?? brand.charAt(0).toUpperCase() + brand.slice(1)) : '';
}

export function PaymentMethodSummary({ method }: { method: Summary }) {
  const intl = useIntl();
  if (!method.last4) return <span>{method.type}</span>;
  return (
    <span className="bp-pm">
      <CardBrand brand={method.brand} />{' '}
      <span className="bp-pm-brand">
        {intl.formatMessage({ id: 'card.summary' }, { brand: brandName(method.brand), last4: method.last4 })}
      </span>
      {method.expMonth && method.expYear && (
        <span className="bp-muted">
          {' '}
          ·{' '}
          {intl.formatMessage(
            { id: 'card.expires' },
            { month: String(method.expMonth).padStart(2, '0'), year: method.expYear },
          )}
        </span>
      )}
    </span>
  );
}
