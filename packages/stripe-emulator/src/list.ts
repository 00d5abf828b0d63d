import { invalidRequest, referenceMissing } from './errors.js';
import type { Params } from './params.js';
import type { StripeObject } from './store.js';

export interface ListObject {
  object: 'list';
  data: StripeObject[];
  has_more: boolean;
  url: string;
}

/**
 * Cursor pagination over a newest-first array; only the returned page is rendered.
 * `starting_after` walks towards older objects,
 * `ending_before` towards newer ones (the page closest to the cursor), like Stripe.
 */
export function paginate(
  items: StripeObject[],
  params: Params,
  url: string,
  object = 'object',
  render: (o: StripeObject) => StripeObject = (o) => o,
): ListObject {
  const limit = params.limit === undefined ? 10 : Number(params.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw invalidRequest('Invalid limit: must be between 1 and 100', 'limit', 'parameter_invalid_integer');
  const { starting_after: after, ending_before: before } = params as {
    starting_after?: string;
    ending_before?: string;
  };
  if (after !== undefined && before !== undefined)
    throw invalidRequest(
      'You may only specify one of these parameters: ending_before, starting_after.',
      'ending_before',
    );
  if (after !== undefined) {
    const idx = items.findIndex((o) => o.id === after);
    if (idx === -1) throw referenceMissing(object, after, 'starting_after');
    const rest = items.slice(idx + 1);
    return { object: 'list', data: rest.slice(0, limit).map(render), has_more: rest.length > limit, url };
  }
  if (before !== undefined) {
    const idx = items.findIndex((o) => o.id === before);
    if (idx === -1) throw referenceMissing(object, before, 'ending_before');
    const newer = items.slice(0, idx);
    return {
      object: 'list',
      data: newer.slice(Math.max(0, newer.length - limit)).map(render),
      has_more: newer.length > limit,
      url,
    };
  }
  return { object: 'list', data: items.slice(0, limit).map(render), has_more: items.length > limit, url };
}

/** `created` (and similar) filters: an exact timestamp or `{ gt, gte, lt, lte }`. */
export function matchesRange(value: number | null | undefined, range: unknown): boolean {
  if (range === undefined) return true;
  if (value === null || value === undefined) return false;
  if (typeof range === 'number') return value === range;
  const r = range as { gt?: number; gte?: number; lt?: number; lte?: number };
  if (r.gt !== undefined && !(value > r.gt)) return false;
  if (r.gte !== undefined && !(value >= r.gte)) return false;
  if (r.lt !== undefined && !(value < r.lt)) return false;
  if (r.lte !== undefined && !(value <= r.lte)) return false;
  return true;
}
