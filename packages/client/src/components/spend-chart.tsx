import type { InvoiceView } from '@portal/contract';
import { useId, useMemo } from 'react';
import { useIntl } from 'react-intl';
import { spendByMonth } from './spend-buckets';
import { useFormat } from './use-format';

const BAR = 36;
const GAP = 14;
const PLOT = 140;
const LABELS = 24;

/**
 * What the customer paid per month over the last year, as a hand-drawn SVG bar chart. Screen
 * readers get one summary sentence for the picture and the exact figures in a hidden table.
 * Loaded with React.lazy from the invoices section, so it stays out of the first bundle.
 */
export default function SpendChart({ invoices, now }: { invoices: readonly InvoiceView[]; now?: Date | undefined }) {
  const intl = useIntl();
  const format = useFormat();
  const titleId = useId();
  const spend = useMemo(() => spendByMonth(invoices, now ?? new Date()), [invoices, now]);
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);

  const heading = <h2 id={titleId}>{t('spend.title')}</h2>;
  if (!spend.currency || spend.total === 0) {
    return (
      <section className="bp-card bp-spend" aria-labelledby={titleId}>
        {heading}
        <p className="bp-muted">{t('spend.empty')}</p>
      </section>
    );
  }
  const currency = spend.currency;
  const money = (amount: number) => format.money({ amount, currency });
  // Months are UTC buckets; naming them in UTC keeps a bar and its label in the same month.
  const month = (d: Date, long = false) =>
    intl.formatDate(
      d,
      long ? { month: 'long', year: 'numeric', timeZone: 'UTC' } : { month: 'short', timeZone: 'UTC' },
    );
  const max = Math.max(...spend.months.map((m) => m.amount));
  const peak = spend.months.find((m) => m.amount === max)!;
  const width = spend.months.length * (BAR + GAP);
  const summary = t('spend.summary', { total: money(spend.total), month: month(peak.start, true), amount: money(max) });

  return (
    <section className="bp-card bp-spend" aria-labelledby={titleId}>
      {heading}
      <p className="bp-spend-total">{t('spend.total', { total: money(spend.total) })}</p>
      <svg
        className="bp-chart"
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${width} ${PLOT + LABELS}`}
        preserveAspectRatio="xMidYMid meet"
      >
        {spend.months.map((m, i) => {
          const height = Math.round((m.amount / max) * (PLOT - 8));
          const x = i * (BAR + GAP) + GAP / 2;
          return (
            <g key={m.start.toISOString()}>
              <rect className="bp-chart-bar" x={x} y={PLOT - height} width={BAR} height={height} rx={4} />
              <text className="bp-chart-label" x={x + BAR / 2} y={PLOT + 17} textAnchor="middle">
                {month(m.start)}
              </text>
            </g>
          );
        })}
        <line className="bp-chart-axis" x1={0} x2={width} y1={PLOT} y2={PLOT} />
      </svg>
      <table className="bp-visually-hidden">
        <caption>{t('spend.tableCaption', { currency: currency.toUpperCase() })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('spend.month')}</th>
            <th scope="col">{t('spend.amount')}</th>
          </tr>
        </thead>
        <tbody>
          {spend.months.map((m) => (
            <tr key={m.start.toISOString()}>
              <th scope="row">{month(m.start, true)}</th>
              <td>{money(m.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {spend.otherCurrencies.length > 0 && (
        <p className="bp-muted">
          {t('spend.otherCurrencies', {
            currency: currency.toUpperCase(),
            others: intl.formatList(spend.otherCurrencies.map((c) => c.toUpperCase())),
          })}
        </p>
      )}
    </section>
  );
}
