import type { ReactNode } from 'react';

/**
 * Loading placeholders shaped like the content they stand in for, so the page does not jump when
 * it arrives. The container is announced (`role="status"`, busy, with the given label); the bars
 * inside are decoration.
 */
type Shape = 'subscription' | 'rows' | 'methods';

const bar = (width: string, key?: number, className = 'bp-skeleton-bar') => (
  <span key={key} className={className} style={{ width }} />
);

const shapes: Record<Shape, () => ReactNode> = {
  // A subscription card: name and status, price, two detail lines, the action buttons.
  subscription: () => (
    <>
      <span className="bp-skeleton-line bp-skeleton-head">
        {bar('40%')}
        {bar('18%', undefined, 'bp-skeleton-pill')}
      </span>
      <span className="bp-skeleton-line">{bar('28%', undefined, 'bp-skeleton-bar bp-skeleton-lg')}</span>
      <span className="bp-skeleton-line">{bar('65%')}</span>
      <span className="bp-skeleton-line">{bar('50%')}</span>
      <span className="bp-skeleton-line">
        {bar('110px', undefined, 'bp-skeleton-button')}
        {bar('110px', undefined, 'bp-skeleton-button')}
      </span>
    </>
  ),
  // Invoice rows: number, date, amount, status.
  rows: () =>
    [0, 1, 2, 3].map((row) => (
      <span key={row} className="bp-skeleton-line bp-skeleton-row">
        {bar('22%')}
        {bar('18%')}
        {bar('14%')}
        {bar('12%', undefined, 'bp-skeleton-pill')}
      </span>
    )),
  // Saved cards: a brand mark, the card's name and expiry, a button.
  methods: () =>
    [0, 1].map((row) => (
      <span key={row} className="bp-skeleton-line bp-skeleton-row">
        <span className="bp-skeleton-bar bp-skeleton-mark" />
        {bar('38%')}
        {bar('90px', undefined, 'bp-skeleton-button')}
      </span>
    )),
};

export function Skeleton({
  shape,
  label,
  className = 'bp-card',
}: {
  shape: Shape;
  label?: string;
  className?: string;
}) {
  return (
    <div className={`${className} bp-skeleton-shape`} role="status" aria-busy="true" aria-label={label}>
      <span aria-hidden="true">{shapes[shape]()}</span>
    </div>
  );
}
