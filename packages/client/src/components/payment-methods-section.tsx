import type { PaymentMethodView } from '@portal/contract';
import { lazy, Suspense, useState } from 'react';
import { useIntl } from 'react-intl';
import { usePaymentMethods } from '../hooks/use-payment-methods';
import { CardBrand } from './card-brand';
import { Dialog } from './dialog';
import { ErrorNotice } from './error-notice';
import { useFlash } from './flash';
import { Skeleton } from './skeleton';
import { brandName } from './payment-method-summary';
import { useViewer } from './use-viewer';

// Stripe.js and Elements load only when the customer adds a card.
const AddCardDialog = lazy(() => import('./add-card-dialog'));

export function PaymentMethodsSection() {
  const intl = useIntl();
  const flash = useFlash();
  const { readOnly } = useViewer();
  const pm = usePaymentMethods();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<PaymentMethodView | null>(null);
  const label = (m: PaymentMethodView) =>
    intl.formatMessage({ id: 'card.summary' }, { brand: brandName(m.brand), last4: m.last4 ?? '' });
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);

  return (
    <section aria-labelledby="bp-pm-title">
      <h1 id="bp-pm-title">{t('pm.title')}</h1>
      {pm.list.isPending && <Skeleton shape="methods" />}
      {pm.list.error && <ErrorNotice error={pm.list.error} onRetry={() => pm.list.refetch()} />}
      {pm.setDefault.error && <ErrorNotice error={pm.setDefault.error} />}
      {pm.list.data && (
        <ul className="bp-card bp-list">
          {pm.list.data.paymentMethods.length === 0 && <li className="bp-muted">{t('pm.empty')}</li>}
          {pm.list.data.paymentMethods.map((m) => (
            <li key={m.id} className="bp-list-row">
              <span>
                <CardBrand brand={m.brand} /> <strong>{label(m)}</strong>
                {m.expMonth && m.expYear && (
                  <span className="bp-muted">
                    {' '}
                    · {t('card.expires', { month: String(m.expMonth).padStart(2, '0'), year: String(m.expYear) })}
                  </span>
                )}{' '}
                {m.isDefault && <span className="bp-badge">{t('pm.default')}</span>}{' '}
                {m.expired && <span className="bp-badge bp-badge-past_due">{t('pm.expired')}</span>}
              </span>
              <span className="bp-actions">
                {!m.isDefault && !m.expired && (
                  <button
                    type="button"
                    className="bp-button"
                    aria-label={t('pm.makeDefaultLabel', { card: label(m) })}
                    disabled={readOnly || pm.setDefault.isPending}
                    onClick={() =>
                      pm.setDefault.mutate(
                        { paymentMethodId: m.id },
                        { onSuccess: () => flash(t('pm.defaultSet', { card: label(m) })) },
                      )
                    }
                  >
                    {t('pm.makeDefault')}
                  </button>
                )}
                <button
                  type="button"
                  className="bp-button bp-button-danger"
                  aria-label={t('pm.removeLabel', { card: label(m) })}
                  disabled={readOnly}
                  onClick={() => setRemoving(m)}
                >
                  {t('pm.remove')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="bp-button bp-button-primary" disabled={readOnly} onClick={() => setAdding(true)}>
        {t('pm.add')}
      </button>
      {adding && (
        <Suspense fallback={<p role="status">{t('pm.loadingForm')}</p>}>
          <AddCardDialog onClose={() => setAdding(false)} onAdded={() => (setAdding(false), flash(t('pm.added')))} />
        </Suspense>
      )}
      {removing && (
        <Dialog title={t('pm.removeTitle')} onClose={() => setRemoving(null)}>
          <p>{t('pm.removeBody', { card: label(removing) })}</p>
          {pm.remove.error && <ErrorNotice error={pm.remove.error} />}
          <div className="bp-actions">
            <button
              type="button"
              className="bp-button bp-button-danger"
              disabled={pm.remove.isPending}
              onClick={() =>
                pm.remove.mutate(
                  { paymentMethodId: removing.id },
                  { onSuccess: () => (setRemoving(null), flash(t('pm.removed'))) },
                )
              }
            >
              {t('pm.removeConfirm')}
            </button>
            <button type="button" className="bp-button" onClick={() => setRemoving(null)}>
              {t('common.cancel')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
