import type { Interval, Money } from '@portal/contract';

/** Money through Intl: the currency decides its decimals (¥500 has none, $5.00 has two). */
export function formatMoney(money: Money, locale?: string): string {
  const formatter = new Intl.NumberFormat(locale, { style: 'currency', currency: money.currency.toUpperCase() });
  const digits = formatter.resolvedOptions().maximumFractionDigits ?? 2;
  return formatter.format(money.amount / 10 ** digits);
}

export function formatDate(iso: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(iso));
}

export function formatInterval(interval: Interval, count: number): string {
  return count === 1 ? `per ${interval}` : `every ${count} ${interval}s`;
}
