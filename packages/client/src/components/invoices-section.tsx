import type { InvoiceView } from '@portal/contract';
import { lazy, Suspense } from 'react';
import { useIntl } from 'react-intl';
import { INVOICE_FILTERS, useInvoices, useSpendHistory, type InvoiceFilter } from '../hooks/use-invoices';
import { PortalLink } from '../routing/router';
import { ErrorNotice } from './error-notice';
import { useFormat } from './use-format';
import { useViewer } from './use-viewer';
import { Skeleton } from './skeleton';

// The chart is not needed to read or pay an invoice: it arrives in its own chunk.
const SpendChart = lazy(() => import('./spend-chart'));

/** Invoice history: filter by status, page through, download, view online, pay what is open. */
export function InvoicesSection({ pageSize }: { pageSize?: number }) {
  const intl = useIntl();
  const list = useInvoices(pageSize ? { pageSize } : {});
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);

  return (
    <section aria-labelledby="bp-invoices-title">
      <h1 id="bp-invoices-title">{t('invoices.title')}</h1>
      <SpendPanel />
      <div className="bp-card">
        <div className="bp-card-head">
          <h2>{t('invoices.history')}</h2>
          <label className="bp-field bp-filter">
            {t('invoices.filter.label')}
            <select value={list.status} onChange={(e) => list.setStatus(e.target.value as InvoiceFilter)}>
              {INVOICE_FILTERS.map((f) => (
                <option key={f} value={f}>
                  {t(`invoices.filter.${f}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {list.isPending ? (
          <Skeleton shape="rows" className="bp-skeleton-list" label={t('invoices.loading')} />
        ) : list.error ? (
          <ErrorNotice error={list.error} onRetry={list.retry} />
        ) : list.invoices.length === 0 ? (
          <p className="bp-muted">
            {list.status === 'all'
              ? t('invoices.empty')
              : t('invoices.emptyFiltered', { status: t(`invoices.status.${list.status}`) })}
          </p>
        ) : (
          <>
            <InvoiceTable invoices={list.invoices} />
            {list.hasMore && (
              <button type="button" className="bp-button" disabled={list.isLoadingMore} onClick={list.loadMore}>
                {list.isLoadingMore ? t('invoices.loadingMore') : t('invoices.loadMore')}
              </button>
            )}
          </>
        )}
      </div>
    </section>
  );
}

function SpendPanel() {
  const intl = useIntl();
  const spend = useSpendHistory();
  const skeleton = (
    <div
      className="bp-card bp-skeleton"
      role="status"
      aria-busy="true"
      aria-label={intl.formatMessage({ id: 'spend.loading' })}
    />
  );
  if (spend.isPending) return skeleton;
  if (spend.error) return <ErrorNotice error={spend.error} onRetry={() => void spend.refetch()} />;
  return (
    <Suspense fallback={skeleton}>
      <SpendChart invoices={spend.data.invoices} />
    </Suspense>
  );
}

function InvoiceTable({ invoices }: { invoices: InvoiceView[] }) {
  const intl = useIntl();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  return (
    <div className="bp-table-scroll">
      <table className="bp-table">
        <caption className="bp-visually-hidden">{t('invoices.history')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('invoices.column.number')}</th>
            <th scope="col">{t('invoices.column.date')}</th>
            <th scope="col" className="bp-num">
              {t('invoices.column.amount')}
            </th>
            <th scope="col">{t('invoices.column.status')}</th>
            <th scope="col">
              <span className="bp-visually-hidden">{t('invoices.column.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((invoice) => (
            <InvoiceRow key={invoice.id} invoice={invoice} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function InvoiceRow({ invoice }: { invoice: InvoiceView }) {
  const intl = useIntl();
  const format = useFormat();
  const { readOnly } = useViewer();
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);
  // Finalised invoices always have a number; the id is a fallback that still names the row.
  const number = invoice.number ?? invoice.id;
  const payable = invoice.status === 'open' && invoice.amountRemaining.amount > 0;
  return (
    <tr>
      <th scope="row" className="bp-cell-number">
        {number}
      </th>
      <td className="bp-cell-date">{format.date(invoice.createdAt)}</td>
      <td className="bp-num bp-cell-amount">{format.money(invoice.total)}</td>
      <td className="bp-cell-status">
        <InvoiceStatusBadge invoice={invoice} />
      </td>
      {/* A flex box inside the cell: a cell that is itself a flex box leaves the table's row
          layout, and its bottom border no longer lines up with the row's. */}
      <td className="bp-cell-actions">
        <div className="bp-row-actions">
          {invoice.invoicePdf && (
            <a
              href={invoice.invoicePdf}
              target="_blank"
              rel="noopener noreferrer"
              download
              aria-label={t('invoices.downloadPdf', { number })}
            >
              {t('invoices.pdf')}
            </a>
          )}
          {invoice.hostedInvoiceUrl && (
            <a href={invoice.hostedInvoiceUrl} target="_blank" rel="noopener noreferrer">
              {t('invoices.view')}
              <span className="bp-visually-hidden"> {t('invoices.viewHidden', { number })}</span>
            </a>
          )}
          {payable && (
            <PortalLink
              to={`/invoices/${encodeURIComponent(invoice.id)}/pay`}
              className="bp-button bp-button-primary"
              aria-disabled={readOnly || undefined}
              // Support's view-as must not start a payment; the server refuses it anyway.
              onClick={(e) => readOnly && e.preventDefault()}
            >
              {t('invoices.payNow')}
              <span className="bp-visually-hidden">
                {' '}
                {t('invoices.payNowHidden', { number, amount: format.money(invoice.amountRemaining) })}
              </span>
            </PortalLink>
          )}
        </div>
      </td>
    </tr>
  );
}

function InvoiceStatusBadge({ invoice }: { invoice: InvoiceView }) {
  const intl = useIntl();
  const status = invoice.pastDue ? 'past_due' : invoice.status;
  return (
    <span className={`bp-badge bp-badge-invoice-${status}`}>
      {intl.formatMessage({ id: `invoices.status.${status}` })}
    </span>
  );
}
