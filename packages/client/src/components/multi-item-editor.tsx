import type { Interval } from '@portal/contract';
import { useIntl } from 'react-intl';
import type { Offer, usePlanChange } from '../hooks/use-plan-change';
import { IntervalToggle, PlanCards, SeatStepper, yearlySaving } from './plan-picker';
import { useCadence } from './subscription-card';
import { useFormat } from './use-format';

type PlanChange = ReturnType<typeof usePlanChange>;

/**
 * A subscription of several items (a plan plus add-ons): one interval for all of them (Stripe bills
 * every item on one), the plan's tier and seats, and add-ons put on or taken off. Everything goes
 * into one request, so the preview below is one exact invoice for the whole change.
 */
export function MultiItemEditor({ plan }: { plan: PlanChange }) {
  const intl = useIntl();
  const subscription = plan.subscription!;
  const offers = plan.config!.products;
  const offerOfPrice = (priceId: string) => offers.find((o) => o.prices.some((p) => p.id === priceId));
  const first = subscription.items[0]!;
  const interval: Interval =
    offerOfPrice(plan.selection[first.itemId]!.priceId)?.prices.find(
      (p) => p.id === plan.selection[first.itemId]!.priceId,
    )?.interval ?? first.interval;
  const planOffers = offers.filter((o) => !o.addon);
  const planOffer = offerOfPrice(plan.selection[first.itemId]!.priceId);

  return (
    <div className="bp-card">
      <IntervalToggle
        value={interval}
        onChange={(next) => plan.canSwitchTo(next) && plan.switchInterval(next)}
        saving={planOffer ? yearlySaving(planOffer) : 0}
      />
      {subscription.items.map((item) => {
        const selected = plan.selection[item.itemId]!;
        const offer = offerOfPrice(selected.priceId);
        if (offer?.addon)
          return (
            <AddonRow
              key={item.itemId}
              offer={offer}
              priceId={selected.priceId}
              removed={plan.removed.has(item.itemId)}
              onToggle={() => plan.toggleRemoved(item.itemId)}
            />
          );
        return (
          <fieldset key={item.itemId} className="bp-item-edit">
            <legend>{intl.formatMessage({ id: 'change.item' }, { name: item.productName })}</legend>
            <PlanCards
              offers={planOffers}
              interval={interval}
              selectedProductId={offer?.id ?? ''}
              currentPriceId={item.priceId}
              onSelect={(priceId) => plan.select(item.itemId, { priceId })}
            />
            {offer?.adjustableQuantity.enabled && (
              <SeatStepper
                value={selected.quantity}
                min={offer.adjustableQuantity.minimum}
                max={offer.adjustableQuantity.maximum}
                onChange={(quantity) => plan.select(item.itemId, { quantity })}
              />
            )}
          </fieldset>
        );
      })}
      <AddonOffers plan={plan} interval={interval} />
    </div>
  );
}

/** The add-ons on offer that the subscription does not have yet, each to put on with one click. */
export function AddonOffers({
  plan,
  interval,
  framed = false,
}: {
  plan: PlanChange;
  interval: Interval;
  framed?: boolean;
}) {
  const offers = plan.config?.products ?? [];
  const offerOfPrice = (priceId: string) => offers.find((o) => o.prices.some((p) => p.id === priceId));
  const onSubscription = new Set(
    plan.subscription?.items.map((i) => offerOfPrice(plan.selection[i.itemId]?.priceId ?? '')?.id ?? i.productId),
  );
  const rows = offers.flatMap((offer) => {
    const price =
      offer.addon && !onSubscription.has(offer.id) ? offer.prices.find((p) => p.interval === interval) : undefined;
    return price
      ? [
          <AddonRow
            key={offer.id}
            offer={offer}
            priceId={price.id}
            added={Boolean(plan.added[offer.id])}
            onToggle={() => plan.toggleAdded(offer.id, interval)}
          />,
        ]
      : [];
  });
  if (rows.length === 0) return null;
  return framed ? <div className="bp-card">{rows}</div> : <>{rows}</>;
}

/** An add-on with its price and one button: remove (or keep) one that is on, add (or undo) one that is not. */
function AddonRow({
  offer,
  priceId,
  removed,
  added,
  onToggle,
}: {
  offer: Offer;
  priceId: string;
  removed?: boolean;
  added?: boolean;
  onToggle: () => void;
}) {
  const intl = useIntl();
  const format = useFormat();
  const cadence = useCadence();
  const price = offer.prices.find((p) => p.id === priceId);
  const isOn = added !== undefined ? added : !removed;
  const action =
    added !== undefined
      ? added
        ? 'change.addon.undoAdd'
        : 'change.addon.add'
      : removed
        ? 'change.addon.keep'
        : 'change.addon.remove';
  return (
    <div className={`bp-addon${isOn ? ' bp-addon-on' : ''}`}>
      <div>
        <span className="bp-item-name">{offer.name}</span>{' '}
        <span className="bp-badge bp-badge-addon">{intl.formatMessage({ id: 'change.addon.badge' })}</span>
        {offer.description && (
          <p className="bp-muted bp-plan-desc">
            <bdi>{offer.description}</bdi>
          </p>
        )}
      </div>
      <span className="bp-price">
        {price?.unitAmount ? format.money(price.unitAmount) : '—'}{' '}
        <span className="bp-muted">{price ? cadence(price.interval, price.intervalCount) : ''}</span>
      </span>
      <button
        type="button"
        className={`bp-button${isOn && added === undefined ? ' bp-button-danger' : ''}`}
        aria-pressed={added ?? removed}
        onClick={onToggle}
      >
        {intl.formatMessage({ id: action }, { name: offer.name })}
      </button>
    </div>
  );
}
