import { useQuery } from '@tanstack/react-query';
import { ArrowLeft } from 'lucide-react';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { usePayInvoice } from '../hooks/use-pay-invoice';
import { PortalLink, useRouter } from '../routing/router';
import { useTRPC } from '../provider';
import { CardBrand } from './card-brand';
import { Checkbox, Radio, RadioGroup } from './choice';
import { ErrorNotice } from './error-notice';
import { NotFound } from './not-found';
import { useFlash } from './flash';
import { brandName } from './payment-method-summary';
import { useFormat } from './use-format';
import { useViewer } from './use-viewer';

const AddCardDialog = lazy(() => import('./add-card-dialog'));

/** Pay now: an open or past-due invoice, with the customer's choice of saved card (or a new one). */
export function PayInvoiceSection({ invoiceId }: { invoiceId: string }) {
  const intl = useIntl();
  const format = useFormat();
  const flash = useFlash();
  const { navigate } = useRouter();
  const { readOnly } = useViewer();
  const flow = usePayInvoice(invoiceId);
  const [chosen, setChosen] = useState<string | null>(null);
  // On by default: the card that failed stays the default otherwise, and the next renewal fails too.
  const [forFuture, setForFuture] = useState(true);
  const [adding, setAdding] = useState(false);
  // The cards there were before adding one: the card that then appears is the one to pay with.
  const knownBeforeAdding = useRef<Set<string> | null>(null);
  useEffect(() => {
    const known = knownBeforeAdding.current;
    const added = known && flow.methods.find((m) => !known.has(m.id));
    if (added) {
      setChosen(added.id);
      knownBeforeAdding.current = null;
    }
  }, [flow.methods]);
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);

  if (flow.isLoading) return <div className="bp-card bp-skeleton" aria-busy="true" />;
  if (flow.error) return <ErrorNotice error={flow.error} />;
  if (flow.alreadyPaid) {
    return (
      <section className="bp-card">
        <p role="status">{t('error.INVOICE_ALREADY_PAID')}</p>
        <PortalLink to="/invoices">{t('nav.invoices')}</PortalLink>
      </section>
    );
  }
  if (!flow.invoice) return <NotPayable invoiceId={invoiceId} />;
  const invoice = flow.invoice;
  const number = invoice.number ?? invoice.id;
  const selected = chosen ?? flow.methods.find((m) => m.isDefault)?.id ?? flow.methods[0]?.id ?? null;
  const busy = flow.pay.isPending || flow.authenticating;

  async function submit() {
    if (!selected) return;
    if (await flow.submit(selected, forFuture)) {
      flash(t('pay.done', { number }));
      navigate('/invoices', { replace: true });
    }
  }

  return (
    <section aria-labelledby="bp-pay-title">
      <PortalLink to="/invoices">
        <ArrowLeft aria-hidden="true" size="1em" className="bp-icon" /> {t('common.back')}
      </PortalLink>
      <h1 id="bp-pay-title">{t('pay.title', { number })}</h1>
      <div className="bp-card">
        <p className="bp-price">{t('pay.amount', { amount: format.money(invoice.amountRemaining) })}</p>
        {flow.methods.length === 0 ? (
          <p>
            {t('pay.noMethod')} <PortalLink to="/payment-methods">{t('nav.paymentMethods')}</PortalLink>
          </p>
        ) : (
          <RadioGroup asChild name="bp-pay-method" value={selected ?? ''} onValueChange={setChosen}>
            <fieldset className="bp-reasons">
              <legend>{t('pay.method')}</legend>
              {flow.methods.map((m) => (
                <label key={m.id} className="bp-radio">
                  <Radio value={m.id} />
                  <CardBrand brand={m.brand} />
                  {intl.formatMessage({ id: 'card.summary' }, { brand: brandName(m.brand), last4: m.last4 ?? '' })}
                  {m.isDefault && <span className="bp-badge">{t('pm.default')}</span>}
                </label>
              ))}
            </fieldset>
          </RadioGroup>
        )}
        <button
          type="button"
          className="bp-button"
          disabled={readOnly}
          onClick={() => {
            knownBeforeAdding.current = new Set(flow.methods.map((m) => m.id));
            setAdding(true);
          }}
        >
          {t('pay.addCard')}
        </button>
        {selected && (
          <label className="bp-check">
            <Checkbox checked={forFuture} onCheckedChange={setForFuture} />
            {t('pay.useForFuture')}
          </label>
        )}
        {flow.authenticating && <p role="status">{t('pay.authenticating')}</p>}
        {flow.pay.error && <ErrorNotice error={flow.pay.error} />}
        {flow.authError && (
          <p className="bp-error" role="alert">
            {flow.authError}
          </p>
        )}
        <button
          type="button"
          className="bp-button bp-button-primary"
          disabled={readOnly || !selected || busy}
          onClick={() => void submit().catch(() => {})}
        >
          {busy ? t('pay.paying') : t('pay.submit', { amount: format.money(invoice.amountRemaining) })}
        </button>
      </div>
      {adding && (
        <Suspense fallback={null}>
          <AddCardDialog onClose={() => setAdding(false)} onAdded={() => setAdding(false)} />
        </Suspense>
      )}
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
  if (!all.data.invoices.some((i) => i.id === invoiceId))
    return <NotFound message={intl.formatMessage({ id: 'pay.notFound' })} />;
  return (
    <section className="bp-card">
      <p>{intl.formatMessage({ id: 'pay.notPayable' })}</p>
      <PortalLink to="/invoices">{intl.formatMessage({ id: 'nav.invoices' })}</PortalLink>
    </section>
  );
}
