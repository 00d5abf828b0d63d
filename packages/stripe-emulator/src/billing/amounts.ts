import type { StripeObject } from '../store.js';

/** Amount for `quantity` units of a price for one full period, in the smallest currency unit. */
export function priceAmount(price: StripeObject, quantity: number, tiers?: StripeObject[]): number {
  if (price.billing_scheme !== 'tiered') {
    const unit =
      price.unit_amount_decimal !== null && price.unit_amount_decimal !== undefined
        ? Number(price.unit_amount_decimal)
        : (price.unit_amount ?? 0);
    let q = quantity;
    if (price.transform_quantity) {
      const t = price.transform_quantity as { divide_by: number; round: 'up' | 'down' };
      q = t.round === 'up' ? Math.ceil(q / t.divide_by) : Math.floor(q / t.divide_by);
    }
    return Math.round(unit * q);
  }
  const list = tiers ?? [];
  const unit = (t: StripeObject) =>
    t.unit_amount_decimal !== null ? Number(t.unit_amount_decimal) : (t.unit_amount ?? 0);
  const flat = (t: StripeObject) =>
    t.flat_amount_decimal !== null ? Number(t.flat_amount_decimal) : (t.flat_amount ?? 0);
  if (price.tiers_mode === 'volume') {
    // The whole quantity is charged at the tier it falls into.
    const tier = list.find((t) => t.up_to === null || quantity <= t.up_to) ?? list[list.length - 1];
    return tier ? Math.round(unit(tier) * quantity + flat(tier)) : 0;
  }
  // Graduated: each tier charges the units inside its band, plus its flat fee once reached. The
  // first tier is always reached, so its flat fee is a minimum charge even for no usage (Stripe's
  // "flat fee and overages" model with graduated tiers).
  let total = 0;
  let prev = 0;
  for (const [i, t] of list.entries()) {
    if (i > 0 && quantity <= prev) break;
    const upper = t.up_to === null ? quantity : Math.min(quantity, t.up_to);
    total += unit(t) * (upper - prev) + flat(t);
    prev = upper;
  }
  return Math.round(total);
}

/**
 * Stripe prorates by the second: the share of the period between the proration date and the
 * period end, applied to the full-period amount, rounded to the nearest unit.
 */
export function prorate(fullAmount: number, periodStart: number, periodEnd: number, from: number): number {
  const length = periodEnd - periodStart;
  if (length <= 0) return 0;
  const remaining = Math.min(Math.max(periodEnd - from, 0), length);
  const sign = fullAmount < 0 ? -1 : 1;
  return sign * Math.round((Math.abs(fullAmount) * remaining) / length);
}

const ZERO_DECIMAL = new Set([
  'bif',
  'clp',
  'djf',
  'gnf',
  'jpy',
  'kmf',
  'krw',
  'mga',
  'pyg',
  'rwf',
  'ugx',
  'vnd',
  'vuv',
  'xaf',
  'xof',
  'xpf',
]);

/**
 * Money as an English invoice prints it: the sign before the symbol ("-$20.30", never "$-20.30"),
 * the currency's own symbol and minor units. Hosted pages and PDFs are in English, as Stripe's
 * are for an account without invoice locales.
 */
export function formatMoney(amount: number, currency: string): string {
  const zero = ZERO_DECIMAL.has(currency.toLowerCase());
  const value = zero ? amount : amount / 100;
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: currency.toUpperCase(),
    minimumFractionDigits: zero ? 0 : 2,
    maximumFractionDigits: zero ? 0 : 2,
  }).format(value);
}

export function formatDate(ts: number): string {
  const d = new Date(ts * 1000);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${d.getUTCDate()} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

export function intervalLabel(price: StripeObject): string {
  const r = price.recurring as { interval: string; interval_count: number } | null;
  if (!r) return '';
  return r.interval_count === 1 ? r.interval : `${r.interval_count} ${r.interval}s`;
}
