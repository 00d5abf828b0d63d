import { invalidRequest } from '../errors.js';

/** A decoded form/query value: strings at the leaves, objects for bracket groups, arrays for indexes. */
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

/** Splits `a[b][0][c]` into `['a', 'b', '0', 'c']`; `a[]` yields an empty segment (append). */
function splitKey(key: string): string[] {
  const first = key.indexOf('[');
  if (first === -1) return [key];
  const parts = [key.slice(0, first)];
  const re = /\[([^\]]*)\]/g;
  let m: RegExpExecArray | null;
  let consumed = first;
  while ((m = re.exec(key)) !== null) {
    if (m.index !== consumed) break;
    parts.push(m[1] ?? '');
    consumed = re.lastIndex;
  }
  if (consumed !== key.length) throw invalidRequest(`Invalid parameter name: ${key}`);
  return parts;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    throw invalidRequest('Invalid request: unable to decode the request body or query string.');
  }
}

/**
 * Parses Stripe's wire format (`items[0][price]=x&expand[]=y`). Groups whose keys are all
 * integers become arrays, which is how Stripe reads the SDK's indexed arrays.
 */
export function parseForm(raw: string): FormObject {
  const root: FormObject = {};
  if (!raw) return root;
  for (const pair of raw.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const key = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decode(pair.slice(eq + 1));
    const path = splitKey(key);
    let node: Record<string, FormValue> = root;
    for (let i = 0; i < path.length; i++) {
      let seg = path[i] ?? '';
      const last = i === path.length - 1;
      if (seg === '') seg = String(Object.keys(node).length);
      if (last) {
        node[seg] = value;
      } else {
        const next = node[seg];
        if (next === undefined || typeof next === 'string') {
          const created: Record<string, FormValue> = {};
          node[seg] = created;
          node = created;
        } else {
          node = next as Record<string, FormValue>;
        }
      }
    }
  }
  return arrayify(root) as FormObject;
}

function arrayify(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  for (const k of keys) value[k] = arrayify(value[k] as FormValue);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => value[k] as FormValue);
  }
  return value;
}

/** Encodes nested values the way the SDK does, for hosted pages that post back to the API. */
export function encodeForm(data: Record<string, unknown>): string {
  const pairs: string[] = [];
  const walk = (key: string, v: unknown): void => {
    if (v === undefined) return;
    if (v === null || typeof v !== 'object') {
      pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(v === null ? '' : String(v))}`);
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => walk(`${key}[${i}]`, item));
    } else {
      for (const [k, item] of Object.entries(v)) walk(`${key}[${k}]`, item);
    }
  };
  for (const [k, v] of Object.entries(data)) walk(k, v);
  return pairs.join('&');
}
