import { invalidRequest } from './errors.js';
import type { Store, StripeObject } from './store.js';

/**
 * Fields that are absent unless expanded (Stripe calls them "includable"), computed on demand,
 * e.g. `invoice.confirmation_secret` or `customer.tax_ids`.
 */
export type Includables = Map<string, Record<string, (obj: StripeObject) => unknown>>;

const MAX_DEPTH = 4;

function cannotExpand(path: string): Error {
  return invalidRequest(`This property cannot be expanded (${path}).`, 'expand');
}

/** Applies `expand[]` paths (dot-separated, `data.` for lists) to a rendered response in place. */
export function applyExpand(store: Store, includables: Includables, root: unknown, paths: string[]): unknown {
  for (const path of paths) {
    const segs = path.split('.');
    if (segs.length > MAX_DEPTH)
      throw invalidRequest(
        `You cannot expand more than ${MAX_DEPTH} levels of a property. Property: ${path}`,
        'expand',
      );
    walk(store, includables, root, segs, path);
  }
  return root;
}

function resolve(store: Store, value: unknown, path: string): unknown {
  if (typeof value !== 'string') return value;
  const found = store.getAny(value);
  if (!found) throw cannotExpand(path);
  if (store.isDeleted(value)) return { id: value, object: found.object, deleted: true };
  return store.render(found);
}

function walk(store: Store, includables: Includables, node: unknown, segs: string[], path: string): void {
  if (node === null || node === undefined || segs.length === 0) return;
  if (Array.isArray(node)) {
    for (const item of node) walk(store, includables, item, segs, path);
    return;
  }
  if (typeof node !== 'object') throw cannotExpand(path);
  const obj = node as Record<string, unknown>;
  const [key, ...rest] = segs as [string, ...string[]];
  if (!(key in obj)) {
    const include = typeof obj.object === 'string' ? includables.get(obj.object)?.[key] : undefined;
    if (!include) throw cannotExpand(path);
    obj[key] = include(obj as StripeObject);
  }
  let value = obj[key];
  if (Array.isArray(value)) {
    // Arrays of ids (e.g. `discounts`) expand element-wise; arrays of objects are walked into.
    value = value.map((v) => resolve(store, v, path));
  } else {
    value = resolve(store, value, path);
  }
  obj[key] = value;
  walk(store, includables, value, rest, path);
}
