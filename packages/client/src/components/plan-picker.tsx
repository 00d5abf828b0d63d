import type { Interval } from '@portal/contract';
import { Minus, Plus } from 'lucide-react';
import { useIntl } from 'react-intl';
import type { Offer } from '../hooks/use-plan-change';
import { Radio, RadioGroup } from './choice';
import { useCadence } from './subscription-card';
import { useFormat } from './use-format';

/** Yearly saving against twelve months, in whole percent (0 when there is no monthly price). */
export function yearlySaving(offer: Offer): number {
  const monthly = offer.prices.find((p) => p.interval === 'month' && p.intervalCount === 1)?.unitAmount?.amount;
  const yearly = offer.prices.find((p) => p.interval === 'year' && p.intervalCount === 1)?.unitAmount?.amount;
  if (!monthly || !yearly) return 0;
  return Math.max(0, Math.round((1 - yearly / (monthly * 12)) * 100));
}

export function IntervalToggle({
  value,
  onChange,
  saving,
}: {
  value: Interval;
  onChange: (i: Interval) => void;
  saving: number;
}) {
  const intl = useIntl();
  return (
    <RadioGroup asChild name="bp-interval" value={value} onValueChange={(i) => onChange(i as Interval)}>
      <fieldset className="bp-toggle">
        <legend className="bp-visually-hidden">{intl.formatMessage({ id: 'change.interval.label' })}</legend>
        {(['month', 'year'] as const).map((interval) => (
          <label key={interval} className={value === interval ? 'bp-toggle-on' : undefined}>
            <Radio value={interval} />
            {intl.formatMessage({ id: `change.interval.${interval}` })}
            {interval === 'year' && saving > 0 && (
              <span className="bp-save"> {intl.formatMessage({ id: 'change.save' }, { percent: saving })}</span>
            )}
          </label>
        ))}
      </fieldset>
    </RadioGroup>
  );
}

export function PlanCards({
  offers,
  interval,
  selectedProductId,
  currentPriceId,
  onSelect,
}: {
  offers: Offer[];
  interval: Interval;
  selectedProductId: string;
  currentPriceId: string;
  onSelect: (priceId: string) => void;
}) {
  const intl = useIntl();
  const format = useFormat();
  const cadence = useCadence();
  // The offer's price in the chosen interval, else its first one.
  const priceOf = (offer: Offer) => offer.prices.find((p) => p.interval === interval) ?? offer.prices[0];
  const choose = (productId: string) => {
    const offer = offers.find((o) => o.id === productId);
    const price = offer && priceOf(offer);
    if (price) onSelect(price.id);
  };
  return (
    <RadioGroup asChild value={selectedProductId} onValueChange={choose}>
      <fieldset className="bp-plans">
        <legend className="bp-visually-hidden">{intl.formatMessage({ id: 'change.title' })}</legend>
        {offers.map((offer) => {
          const price = priceOf(offer);
          if (!price) return null;
          const selected = offer.id === selectedProductId;
          return (
            <label key={offer.id} className={`bp-plan${selected ? ' bp-plan-selected' : ''}`}>
              <Radio value={offer.id} aria-label={intl.formatMessage({ id: 'change.choose' }, { name: offer.name })} />
              <span className="bp-plan-name">{offer.name}</span>
              {offer.description && (
                <span className="bp-muted bp-plan-desc">
                  {/* Stripe's product text, in the business's language: isolated from the page's direction. */}
                  <bdi>{offer.description}</bdi>
                </span>
              )}
              <span className="bp-price">
                {price.unitAmount ? format.money(price.unitAmount) : '—'}{' '}
                <span className="bp-muted">{cadence(price.interval, price.intervalCount)}</span>
              </span>
              {price.id === currentPriceId && (
                <span className="bp-badge">{intl.formatMessage({ id: 'change.current' })}</span>
              )}
            </label>
          );
        })}
      </fieldset>
    </RadioGroup>
  );
}

export function SeatStepper({
  value,
  min,
  max,
  onChange,
}: {
  value: number;
  min: number;
  max: number;
  onChange: (n: number) => void;
}) {
  const intl = useIntl();
  const clamp = (n: number) => Math.min(max, Math.max(min, n));
  return (
    <div className="bp-field">
      <label htmlFor="bp-seats">{intl.formatMessage({ id: 'change.seats' })}</label>
      <div className="bp-stepper">
        <button
          type="button"
          className="bp-button"
          aria-label={intl.formatMessage({ id: 'change.seatsDecrease' })}
          disabled={value <= min}
          onClick={() => onChange(clamp(value - 1))}
        >
          <Minus aria-hidden="true" size="1em" />
        </button>
        <input
          id="bp-seats"
          type="number"
          inputMode="numeric"
          min={min}
          max={max}
          value={value}
          aria-describedby="bp-seats-hint"
          onChange={(e) => e.target.value !== '' && onChange(clamp(Math.round(Number(e.target.value))))}
        />
        <button
          type="button"
          className="bp-button"
          aria-label={intl.formatMessage({ id: 'change.seatsIncrease' })}
          disabled={value >= max}
          onClick={() => onChange(clamp(value + 1))}
        >
          <Plus aria-hidden="true" size="1em" />
        </button>
      </div>
      <span id="bp-seats-hint" className="bp-muted">
        {intl.formatMessage({ id: 'change.seatsHint' }, { min, max })}
      </span>
    </div>
  );
}
