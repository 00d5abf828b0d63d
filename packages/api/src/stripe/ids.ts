import type Stripe from 'stripe';

type Expandable = string | { id: string };

/** A Stripe expandable field (the id, or the object once expanded) as its id; null stays null. */
export function idOf(field: Expandable): string;
export function idOf(field: Expandable | null | undefined): string | null;
export function idOf(field: Expandable | null | undefined): string | null {
  if (field === null || field === undefined) return null;
  return typeof field === 'string' ? field : field.id;
}

/** The product a price belongs to, expanded or not. */
export const productIdOf = (price: Pick<Stripe.Price, 'product'>): string => idOf(price.product);
