import type { CancellationReason, RetentionOfferView } from '@portal/contract';
import { useQuery } from '@tanstack/react-query';
import { ArrowLeft } from 'lucide-react';
import { useIntl } from 'react-intl';
import { useCancelFlow } from '../hooks/use-cancel-flow';
import { useTRPC } from '../provider';
import { PortalLink, useRouter } from '../routing/router';
import { Radio, RadioGroup } from './choice';
import { ErrorNotice } from './error-notice';
import { useFlash } from './flash';
import { useFormat } from './use-format';
import { useViewer } from './use-viewer';

/** Cancel: why → (an offer, when configured) → now or at period end, saying what the customer keeps. */
export function CancelFlowSection({ subscriptionId }: { subscriptionId: string }) {
  const intl = useIntl();
  const trpc = useTRPC();
  const format = useFormat();
  const flash = useFlash();
  const { navigate } = useRouter();
  const { readOnly } = useViewer();
  const flow = useCancelFlow(subscriptionId);
  const overview = useQuery(trpc.billing.overview.queryOptions());
  const sub = overview.data?.subscriptions.find((s) => s.id === subscriptionId);
  const t = (id: string, values?: Record<string, string | number>) => intl.formatMessage({ id }, values);

  if (flow.isLoading || overview.isPending) return <div className="bp-card bp-skeleton" aria-busy="true" />;
  if (flow.error || overview.error) return <ErrorNotice error={flow.error ?? overview.error} />;
  if (!sub) return <p className="bp-card">{t('change.notFound')}</p>;
  const name = sub.items.map((i) => i.productName).join(' + ');
  const endDate = sub.currentPeriodEnd ? format.date(sub.currentPeriodEnd) : '';

  async function finish() {
    await flow.confirmCancel();
    flash(flow.mode === 'immediately' ? t('cancel.done.now') : t('cancel.done.atPeriodEnd', { date: endDate }));
    navigate('/', { replace: true });
  }
  async function acceptOffer() {
    await flow.acceptOffer();
    flash(t('cancel.offer.accepted'));
    navigate('/', { replace: true });
  }

  return (
    <section aria-labelledby="bp-cancel-title" className="bp-cancel">
      <PortalLink to="/">
        <ArrowLeft aria-hidden="true" size="1em" className="bp-icon" /> {t('common.back')}
      </PortalLink>
      <h1 id="bp-cancel-title">{t('cancel.title', { name })}</h1>
      <p className="bp-muted">{t('cancel.step', { step: flow.stepNumber, total: flow.totalSteps })}</p>
      {flow.step === 'survey' && (
        <form className="bp-card" onSubmit={(e) => (e.preventDefault(), flow.next())}>
          <h2>{t('cancel.survey.title')}</h2>
          {flow.reasons.enabled && (
            <RadioGroup
              asChild
              name="bp-reason"
              value={flow.reason ?? ''}
              onValueChange={(r) => flow.setReason(r as CancellationReason)}
            >
              <fieldset className="bp-reasons">
                <legend className="bp-visually-hidden">{t('cancel.survey.legend')}</legend>
                {flow.reasons.options.map((r) => (
                  <label key={r} className="bp-radio">
                    <Radio value={r} />
                    {t(`cancel.reason.${r}`)}
                  </label>
                ))}
              </fieldset>
            </RadioGroup>
          )}
          <label className="bp-field">
            {t('cancel.comment')}
            <textarea rows={3} maxLength={500} value={flow.comment} onChange={(e) => flow.setComment(e.target.value)} />
          </label>
          <button type="submit" className="bp-button bp-button-primary">
            {t('cancel.continue')}
          </button>
        </form>
      )}
      {flow.step === 'offer' && flow.offer && (
        <div className="bp-card bp-offer">
          <h2>{flow.offer.headline ? <bdi>{flow.offer.headline}</bdi> : t('cancel.offer.title')}</h2>
          <p>{describeOffer(flow.offer, t, format)}</p>
          {flow.accept.error && <ErrorNotice error={flow.accept.error} />}
          <div className="bp-actions">
            <button
              type="button"
              className="bp-button bp-button-primary"
              disabled={readOnly || flow.accept.isPending}
              onClick={() => void acceptOffer().catch(() => {})}
            >
              {t('cancel.offer.accept')}
            </button>
            <button type="button" className="bp-button" onClick={flow.next}>
              {t('cancel.offer.decline')}
            </button>
          </div>
        </div>
      )}
      {flow.step === 'confirm' && (
        <div className="bp-card">
          <h2>{t('cancel.final.title')}</h2>
          <p>
            {flow.mode === 'immediately' ? t('cancel.final.now') : t('cancel.final.atPeriodEnd', { date: endDate })}
          </p>
          {flow.cancel.error && <ErrorNotice error={flow.cancel.error} />}
          <div className="bp-actions">
            <button
              type="button"
              className="bp-button bp-button-danger"
              disabled={readOnly || flow.cancel.isPending}
              onClick={() => void finish().catch(() => {})}
            >
              {flow.mode === 'immediately' ? t('cancel.final.confirmNow') : t('cancel.final.confirmAtPeriodEnd')}
            </button>
            <PortalLink to="/" className="bp-button bp-button-primary">
              {t('cancel.final.keep')}
            </PortalLink>
          </div>
        </div>
      )}
    </section>
  );
}

type T = (id: string, values?: Record<string, string | number>) => string;

function describeOffer(offer: RetentionOfferView, t: T, format: ReturnType<typeof useFormat>): string {
  if (offer.type === 'pause')
    return t('cancel.offer.pause', { date: offer.resumesAt ? format.date(offer.resumesAt) : '' });
  if (offer.type === 'cheaper_plan' && offer.plan) {
    return t('cancel.offer.cheaper', {
      plan: offer.plan.productName,
      price: offer.plan.unitAmount ? format.money(offer.plan.unitAmount) : '',
    });
  }
  const c = offer.coupon;
  if (!c) return '';
  const value =
    c.percentOff !== null
      ? t('subscription.discountPercent', { percent: c.percentOff })
      : c.amountOff
        ? t('subscription.discountAmount', { amount: format.money(c.amountOff) })
        : '';
  if (c.duration === 'forever') return t('cancel.offer.couponForever', { value });
  if (c.duration === 'once') return t('cancel.offer.couponOnce', { value });
  return t('cancel.offer.coupon', { value, duration: t('cancel.offer.months', { count: c.durationInMonths ?? 1 }) });
}
