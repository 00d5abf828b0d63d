import type { InvoiceView } from '@portal/contract';

export interface SpendMonth {
  /** First instant of the month, UTC. */
  start: Date;
  /** In the currency's smallest unit. */
  amount: number;
}

export interface Spend {
  /** The currency charted (lower case, as Stripe gives it), or null when nothing was paid. */
  currency: string | null;
  /** Other currencies paid in during the window, left out of the chart. */
  otherCurrencies: string[];
  /** Exactly twelve months, oldest first, ending with the current month. */
  months: SpendMonth[];
  total: number;
}

/**
 * Sums paid invoices' totals per calendar month (UTC, like Stripe's own dashboards, so a month
 * does not move with the viewer's time zone) over the last twelve months including this one.
 * Amounts in different currencies cannot be added: the most used currency is charted.
 */
export function spendByMonth(invoices: readonly InvoiceView[], now: Date): Spend {
  const months: SpendMonth[] = [];
  for (let back = 11; back >= 0; back--) {
    months.push({ start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)), amount: 0 });
  }
  const from = months[0]!.start.getTime();
  const inWindow = invoices.filter(
    (i) => i.status === 'paid' && Date.parse(i.createdAt) >= from && Date.parse(i.createdAt) <= now.getTime(),
  );

  const counts = new Map<string, number>();
  for (const i of inWindow) counts.set(i.total.currency, (counts.get(i.total.currency) ?? 0) + 1);
  // Most invoices wins; a tie goes to the alphabetically first code so the choice is stable.
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const currency = ranked[0]?.[0] ?? null;

  for (const i of inWindow) {
    if (i.total.currency !== currency) continue;
    const at = new Date(i.createdAt);
    const index =
      (at.getUTCFullYear() - months[0]!.start.getUTCFullYear()) * 12 +
      at.getUTCMonth() -
      months[0]!.start.getUTCMonth();
    const month = months[index];
    if (month) month.amount += i.total.amount;
  }
  return {
    currency,
    otherCurrencies: ranked.slice(1).map(([c]) => c),
    months,
    total: months.reduce((sum, m) => sum + m.amount, 0),
  };
}
