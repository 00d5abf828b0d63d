import type { Params } from '../params.js';

/** Stripe merges metadata updates: a key set to '' is removed, `metadata=''` clears everything. */
export function mergeMetadata(
  current: Record<string, string> | null | undefined,
  update: unknown,
): Record<string, string> {
  if (update === undefined) return { ...(current ?? {}) };
  if (update === '') return {};
  const out = { ...(current ?? {}) };
  for (const [k, v] of Object.entries(update as Record<string, string>)) {
    if (v === '') delete out[k];
    else out[k] = v;
  }
  return out;
}

export interface Address {
  city: string | null;
  country: string | null;
  line1: string | null;
  line2: string | null;
  postal_code: string | null;
  state: string | null;
}

export function fullAddress(p: Params | undefined | ''): Address | null {
  if (p === undefined || p === '') return null;
  return {
    city: p.city ?? null,
    country: p.country ?? null,
    line1: p.line1 ?? null,
    line2: p.line2 ?? null,
    postal_code: p.postal_code ?? null,
    state: p.state ?? null,
  };
}

/** Updates merge into an existing address field by field, like Stripe. */
export function mergeAddress(current: Address | null, p: Params | ''): Address | null {
  if (p === '') return null;
  return {
    ...(current ?? fullAddress({})!),
    ...Object.fromEntries(Object.entries(p).map(([k, v]) => [k, v === '' ? null : v])),
  } as Address;
}

/** `''` on an optional string field clears it to null. */
export function nullable<T>(v: T | '' | undefined, fallback: T | null): T | null {
  if (v === undefined) return fallback;
  if (v === '') return null;
  return v;
}
