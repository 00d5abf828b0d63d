export type Interval = 'day' | 'week' | 'month' | 'year';

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

/**
 * `anchor` moved forward by `n` intervals. Months keep the anchor's day of month, clamped to
 * the month's last day (Jan 31 → Feb 28 → Mar 31), and its time of day, as Stripe bills.
 */
export function addIntervals(anchor: number, interval: Interval, count: number, n: number): number {
  if (interval === 'day') return anchor + n * count * 86400;
  if (interval === 'week') return anchor + n * count * 7 * 86400;
  const d = new Date(anchor * 1000);
  const months = (interval === 'year' ? 12 : 1) * count * n;
  const total = d.getUTCMonth() + months;
  const year = d.getUTCFullYear() + Math.floor(total / 12);
  const month = ((total % 12) + 12) % 12;
  const day = Math.min(d.getUTCDate(), daysInMonth(year, month));
  return Math.floor(Date.UTC(year, month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()) / 1000);
}

/** The billing period (anchored at `anchor`) that contains `at`. */
export function periodAround(
  anchor: number,
  interval: Interval,
  count: number,
  at: number,
): { start: number; end: number } {
  if (at < anchor) {
    // Before the anchor the first (partial) period runs up to it.
    let n = -1;
    while (addIntervals(anchor, interval, count, n) > at) n--;
    return { start: addIntervals(anchor, interval, count, n), end: addIntervals(anchor, interval, count, n + 1) };
  }
  let n = 0;
  while (addIntervals(anchor, interval, count, n + 1) <= at) n++;
  return { start: addIntervals(anchor, interval, count, n), end: addIntervals(anchor, interval, count, n + 1) };
}
