import type { ChangePreview, PreviewLine } from '@portal/contract';
import { useIntl, type IntlShape } from 'react-intl';
import { useFormat } from './use-format';

/**
 * The itemised preview: every line Stripe will invoice (credit for unused time, charge for the
 * remainder), then discount, tax, what is due today and the next invoice.
 */
export function PreviewTable({ preview }: { preview: ChangePreview }) {
  const intl = useIntl();
  const format = useFormat();
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  if (preview.timing === 'period_end') {
    // Nothing is charged now, but the customer still needs the price they are booking.
    return (
      <>
        <p className="bp-notice" role="status">
          {t('change.preview.scheduled', { date: format.date(preview.effectiveAt) })}
        </p>
        {preview.nextInvoice && (
          <table className="bp-preview">
            <caption>{t('change.preview.title')}</caption>
            <tbody>
              <tr className="bp-total">
                <th scope="row">{t('change.preview.nextInvoice', { date: format.date(preview.nextInvoice.date) })}</th>
                <td data-testid="next-invoice">{format.money(preview.nextInvoice.amount)}</td>
              </tr>
            </tbody>
          </table>
        )}
      </>
    );
  }
  const zero = (m: { amount: number }) => m.amount === 0;
  return (
    <table className="bp-preview">
      <caption>{t('change.preview.title')}</caption>
      <tbody>
        {preview.lines.map((line, i) => (
          <tr key={i} className={`bp-line-${line.kind}`}>
            <th scope="row">{lineLabel(intl, format, line)}</th>
            <td>{format.money(line.amount)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        {!zero(preview.discount) && (
          <tr>
            <th scope="row">{t('change.preview.discount')}</th>
            <td>{format.money(preview.discount)}</td>
          </tr>
        )}
        {!zero(preview.tax) && (
          <tr>
            <th scope="row">{t('change.preview.tax')}</th>
            <td>{format.money(preview.tax)}</td>
          </tr>
        )}
        <tr className="bp-total">
          <th scope="row">{t('change.preview.dueToday')}</th>
          <td data-testid="due-today">{format.money(preview.dueToday)}</td>
        </tr>
        {preview.nextInvoice && (
          <tr>
            <th scope="row">{t('change.preview.nextInvoice', { date: format.date(preview.nextInvoice.date) })}</th>
            <td>{format.money(preview.nextInvoice.amount)}</td>
          </tr>
        )}
      </tfoot>
    </table>
  );
}

/**
 * A line in the customer's words, from what the line is (its kind, plan, quantity and period).
 * Stripe's own description (English) is kept only for lines those do not explain.
 */
function lineLabel(intl: IntlShape, format: ReturnType<typeof useFormat>, line: PreviewLine): string {
  if (line.productName === null || line.quantity === null || line.periodStart === null)
    return line.description ?? intl.formatMessage({ id: 'change.preview.line.other' });
  const what = {
    quantity: intl.formatNumber(line.quantity),
    plan: line.productName,
    date: format.date(line.periodStart),
  };
  if (line.kind === 'credit' || line.kind === 'charge')
    return intl.formatMessage({ id: `change.preview.line.${line.kind}` }, what);
  if (line.kind === 'recurring' && line.periodEnd)
    return intl.formatMessage(
      { id: 'change.preview.line.period' },
      { ...what, start: what.date, end: format.date(line.periodEnd) },
    );
  if (line.kind === 'recurring') return intl.formatMessage({ id: 'change.preview.line.from' }, what);
  return line.description ?? intl.formatMessage({ id: 'change.preview.line.other' });
}
