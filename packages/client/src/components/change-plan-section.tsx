import type { Interval } from '@portal/contract';
import { useState } from 'react';
import { useIntl } from 'react-intl';
import { usePlanChange } from '../hooks/use-plan-change';
import { PortalLink, useRouter } from '../routing/router';
import { ErrorNotice } from './error-notice';
import { useFlash } from './flash';
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
  if (!plan.subscription || !first || !plan.config) return <p className="bp-card">{intl.formatMessage({ id: 'change.notFound' })}</p>;

  const single = plan.subscription.items.length === 1;
  const chosen = plan.selection[first.itemId]!;
  const offers = plan.config.products;
  const chosenOffer = offers.find((o) => o.prices.some((p) => p.id === chosen.priceId));
  const chosenPrice = chosenOffer?.prices.find((p) => p.id === chosen.priceId);
  const activeInterval = interval ?? chosenPrice?.interval ?? first.interval;
  const preview = plan.preview;

  function pickInterval(next: Interval) {
    setChosenInterval(next);
    const price = chosenOffer?.prices.find((p) => p.interval === next);
    if (price) plan.select(first!.itemId, { priceId: price.id });
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
      <PortalLink to="/">← {intl.formatMessage({ id: 'common.back' })}</PortalLink>
      <h1 id="bp-change-title">{intl.formatMessage({ id: 'change.title' })}</h1>
      {single ? (
        <>
          <IntervalToggle value={activeInterval} onChange={pickInterval} saving={chosenOffer ? yearlySaving(chosenOffer) : 0} />
          <PlanCards offers={offers} interval={activeInterval} selectedProductId={chosenOffer?.id ?? ''} currentPriceId={first.priceId} onSelect={(priceId) => plan.select(first.itemId, { priceId })} />
          {chosenOffer?.adjustableQuantity.enabled && (
            <SeatStepper value={chosen.quantity} min={chosenOffer.adjustableQuantity.minimum} max={chosenOffer.adjustableQuantity.maximum} onChange={(quantity) => plan.select(first.itemId, { quantity })} />
          )}
        </>
      ) : (
        <ItemEditor plan={plan} />
      )}
      <PromotionCodeField value={plan.promotionCode} onApply={plan.setPromotionCode} error={preview?.error && plan.promotionCode ? preview.error : null} applied={Boolean(preview?.data && !preview.isFetching && !preview.isPlaceholderData && !preview.error)} />
      <div className="bp-card" aria-live="polite">
        {!preview && <p className="bp-muted">{intl.formatMessage({ id: 'change.preview.pick' })}</p>}
        {preview?.isFetching && !preview.data && <p className="bp-muted">{intl.formatMessage({ id: 'change.preview.loading' })}</p>}
        {preview?.error && !plan.promotionCode && <ErrorNotice error={preview.error} onRetry={() => preview.refetch()} />}
        {preview?.data && <PreviewTable preview={preview.data} />}
        {plan.change.error && <ErrorNotice error={plan.change.error} />}
        <button
          type="button"
          className="bp-button bp-button-primary"
          disabled={readOnly || !preview?.data || preview.isFetching || plan.change.isPending}
          onClick={() => void confirm().catch(() => {})}
        >
          {plan.change.isPending ? intl.formatMessage({ id: 'change.confirming' }) : intl.formatMessage({ id: 'change.confirm' })}
        </button>
      </div>
    </section>
  );
}

/** Multi-item subscriptions: each item's price (within its product) and quantity on its own. */
function ItemEditor({ plan }: { plan: ReturnType<typeof usePlanChange> }) {
  const intl = useIntl();
  const format = useFormat();
  return (
    <div className="bp-card">
      {plan.subscription!.items.map((item) => {
        const offer = plan.offerFor(item.productId);
        const sel = plan.selection[item.itemId]!;
        return (
          <fieldset key={item.itemId} className="bp-item-edit">
            <legend>{intl.formatMessage({ id: 'change.item' }, { name: item.productName })}</legend>
            {offer && offer.prices.length > 1 && (
              <label className="bp-field">
                {intl.formatMessage({ id: 'change.interval.label' })}
                <select value={sel.priceId} onChange={(e) => plan.select(item.itemId, { priceId: e.target.value })}>
                  {offer.prices.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.unitAmount ? format.money(p.unitAmount) : '—'} / {intl.formatMessage({ id: `change.interval.${p.interval === 'year' ? 'year' : 'month'}` })}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {offer?.adjustableQuantity.enabled && (
              <SeatStepper value={sel.quantity} min={offer.adjustableQuantity.minimum} max={offer.adjustableQuantity.maximum} onChange={(quantity) => plan.select(item.itemId, { quantity })} />
            )}
          </fieldset>
        );
      })}
    </div>
  );
}
