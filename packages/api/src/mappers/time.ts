/** Stripe's unix seconds as the ISO strings every view carries; null and 0 mean "not set". */
export const iso = (unix: number | null | undefined): string | null =>
  unix ? new Date(unix * 1000).toISOString() : null;

export const isoOf = (unix: number): string => new Date(unix * 1000).toISOString();
