import type { Money } from '@portal/contract';
import { useIntl } from 'react-intl';

/** Money and dates in the portal's locale; the currency decides its decimals (¥ has none). */
export function useFormat() {
  const intl = useIntl();
  return {
    money(money: Money): string {
      const currency = money.currency.toUpperCase();
      const digits =
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
      return intl.formatNumber(money.amount / 10 ** digits, { style: 'currency', currency });
    },
    date(iso: string): string {
      return intl.formatDate(iso, { dateStyle: 'long' });
    },
  };
}
