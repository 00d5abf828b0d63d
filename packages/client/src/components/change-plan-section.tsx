import type { Interval } from '@portal/contract';
import { ArrowLeft } from 'lucide-react';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { usePlanChange } from '../hooks/use-plan-change';
import { PortalLink, useRouter } from '../routing/router';
import { ErrorNotice } from './error-notice';
import { useFlash } from './flash';
import { AddonOffers, MultiItemEditor } from './multi-item-editor';
import { IntervalToggle, PlanCards, SeatStepper, yearlySaving } from './plan-picker';
import { PreviewTable } from './preview-table';
import { PromotionCodeField } from './promotion-code-field';
import { useFormat } from './use-format';
import { useViewer } from './use-viewer';

/** Change plan: pick a plan, interval and seats, see Stripe's exact preview, confirm. */
export function ChangePlanSection({ subscriptionId }: { subscriptionId: string }) {
  const intl = useIntl();
  const format = useFormat();
  const { navigate } = useRouter();
  const { readOnly } = useViewer();
  const plan = usePlanChange(subscriptionId);
  const flash = useFlash();
  const first = plan.subscription?.items[0];
  const [interval, setChosenInterval] = useState<Interval | null>(null);

  if (plan.isLoading) return <div className="bp-card bp-skeleton" aria-busy="true" />;
  if (plan.error) return <ErrorNotice error={plan.error} />;
  if (!plan.subscription || !first || !plan.config)
    return <p className="bp-card">{intl.formatMessage({ id: 'change.notFound' })}</p>;

  const single = plan.subscription.items.length === 1;
  const chosen = plan.selection[first.itemId]!;
  const offers = plan.config.products;
  const chosenOffer = offers.find((o) => o.prices.some((p) => p.id === chosen.priceId));
  const chosenPrice = chosenOffer?.prices.find((p) => p.id === chosen.priceId);
  const activeInterval = interval ?? chosenPrice?.interval ?? first.interval;
  const preview = plan.preview;

  function pickInterval(next: Interval) {
    setChosenInterval(next);
    // The plan and any add-on just put on move together: Stripe bills every item on one interval.
    plan.switchInterval(next);
  }

  async function confirm() {
    if (!preview?.data) return;
    await plan.confirm(preview.data);
    flash(
      preview.data.timing === 'period_end'
        ? intl.formatMessage({ id: 'change.scheduledDone' }, { date: format.date(preview.data.effectiveAt) })
        : intl.formatMessage({ id: 'change.done' }),
    );
    navigate('/', { replace: true });
  }

  return (
    <section aria-labelledby="bp-change-title">
      <PortalLink to="/">
        <ArrowLeft aria-hidden="true" size="1em" className="bp-icon" /> {intl.formatMessage({ id: 'common.back' })}
      </PortalLink>
      <h1 id="bp-change-title">{intl.formatMessage({ id: 'change.title' })}</h1>
      {single ? (
        <>
          <IntervalToggle
            value={activeInterval}
            onChange={pickInterval}
            saving={chosenOffer ? yearlySaving(chosenOffer) : 0}
          />
          <PlanCards
            // An add-on is put on beside the plan (AddonOffers below), not chosen instead of it.
            offers={offers.filter((o) => !o.addon)}
            interval={activeInterval}
            selectedProductId={chosenOffer?.id ?? ''}
            currentPriceId={first.priceId}
            onSelect={(priceId) => plan.select(first.itemId, { priceId })}
          />
          {chosenOffer?.adjustableQuantity.enabled && (
            <SeatStepper
              value={chosen.quantity}
              min={chosenOffer.adjustableQuantity.minimum}
              max={chosenOffer.adjustableQuantity.maximum}
              onChange={(quantity) => plan.select(first.itemId, { quantity })}
            />
          )}
          <AddonOffers plan={plan} interval={activeInterval} framed />
        </>
      ) : (
        <MultiItemEditor plan={plan} />
      )}
      <PromotionCodeField
        value={plan.promotionCode}
        onApply={plan.setPromotionCode}
        error={preview?.error && plan.promotionCode ? preview.error : null}
        applied={Boolean(preview?.data && !preview.isFetching && !preview.isPlaceholderData && !preview.error)}
      />
      <div className="bp-card" aria-live="polite">
        {!preview && <p className="bp-muted">{intl.formatMessage({ id: 'change.preview.pick' })}</p>}
        {preview?.isFetching && !preview.data && (
          <p className="bp-muted">{intl.formatMessage({ id: 'change.preview.loading' })}</p>
        )}
        {preview?.error && !plan.promotionCode && (
          <ErrorNotice error={preview.error} onRetry={() => preview.refetch()} />
        )}
        {preview?.data && <PreviewTable preview={preview.data} />}
        {plan.change.error && <ErrorNotice error={plan.change.error} />}
        <button
          type="button"
          className="bp-button bp-button-primary"
          disabled={readOnly || !preview?.data || preview.isFetching || plan.change.isPending}
          onClick={() => void confirm().catch(() => {})}
        >
          {plan.change.isPending
            ? intl.formatMessage({ id: 'change.confirming' })
            : intl.formatMessage({ id: 'change.confirm' })}
        </button>
      </div>
    </section>
  );
}
