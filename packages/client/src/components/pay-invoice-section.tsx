import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { usePayInvoice } from '../hooks/use-pay-invoice';
import { PortalLink, useRouter } from '../routing/router';
import { useTRPC } from '../provider';
import { ErrorNotice } from './error-notice';
import { NotFound } from './not-found';
import { useFlash } from './flash';
import { brandName } from './payment-method-summary';
import { useFormat } from './use-format';
import { useViewer } from './use-viewer';

/** Pay now: an open or past-due invoice, with the customer's choice of saved card. */
export function PayInvoiceSection({ invoiceId }: { invoiceId: string }) {
  const intl = useIntl();
  const format = useFormat();
  const flash = useFlash();
  const { navigate } = useRouter();
  const { readOnly } = useViewer();
  const flow = usePayInvoice(invoiceId);
  const [chosen, setChosen] = useState<string | null>(null);
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);

  if (flow.isLoading) return <div className="bp-card bp-skeleton" aria-busy="true" />;
  if (flow.error) return <ErrorNotice error={flow.error} />;
  if (!flow.invoice) return <NotPayable invoiceId={invoiceId} />;
  const invoice = flow.invoice;
  const number = invoice.number ?? invoice.id;
  const selected = chosen ?? flow.methods.find((m) => m.isDefault)?.id ?? flow.methods[0]?.id ?? null;
  const busy = flow.pay.isPending || flow.authenticating;

  async function submit() {
    if (!selected) return;
    if (await flow.submit(selected)) {
      flash(t('pay.done', { number }));
      navigate('/invoices', { replace: true });
    }
  }

  return (
    <section aria-labelledby="bp-pay-title">
      <PortalLink to="/invoices">← {t('common.back')}</PortalLink>
      <h1 id="bp-pay-title">{t('pay.title', { number })}</h1>
      <div className="bp-card">
        <p className="bp-price">{t('pay.amount', { amount: format.money(invoice.amountRemaining) })}</p>
        {flow.methods.length === 0 ? (
          <p>
            {t('pay.noMethod')} <PortalLink to="/payment-methods">{t('nav.paymentMethods')}</PortalLink>
          </p>
        ) : (
          <fieldset className="bp-reasons">
            <legend>{t('pay.method')}</legend>
            {flow.methods.map((m) => (
              <label key={m.id} className="bp-radio">
                <input type="radio" name="bp-pay-method" value={m.id} checked={selected === m.id} onChange={() => setChosen(m.id)} />
                {intl.formatMessage({ id: 'card.summary' }, { brand: brandName(m.brand), last4: m.last4 ?? '' })}
                {m.isDefault && <span className="bp-badge">{t('pm.default')}</span>}
              </label>
            ))}
          </fieldset>
        )}
        {flow.authenticating && <p role="status">{t('pay.authenticating')}</p>}
        {flow.pay.error && <ErrorNotice error={flow.pay.error} />}
        {flow.authError && <p className="bp-error" role="alert">{flow.authError}</p>}
        <button type="button" className="bp-button bp-button-primary" disabled={readOnly || !selected || busy} onClick={() => void submit().catch(() => {})}>
          {busy ? t('pay.paying') : t('pay.submit', { amount: format.money(invoice.amountRemaining) })}
        </button>
      </div>
    </section>
  );
}

/**
 * Not among the open invoices: either one of the customer's that is settled ("nothing to pay") or
 * an id the customer has no invoice for (a mistyped or foreign link): a real not-found.
 */
function NotPayable({ invoiceId }: { invoiceId: string }) {
  const intl = useIntl();
  const trpc = useTRPC();
  const all = useQuery(trpc.billing.invoices.list.queryOptions({ limit: 100 }));
  if (all.isPending) return <div className="bp-card bp-skeleton" aria-busy="true" />;
  if (all.error) return <ErrorNotice error={all.error} onRetry={() => void all.refetch()} />;
  if (!all.data.invoices.some((i) => i.id === invoiceId)) return <NotFound message={intl.formatMessage({ id: 'pay.notFound' })} />;
  return (
    <section className="bp-card">
      <p>{intl.formatMessage({ id: 'pay.notPayable' })}</p>
      <PortalLink to="/invoices">{intl.formatMessage({ id: 'nav.invoices' })}</PortalLink>
    </section>
  );
}
