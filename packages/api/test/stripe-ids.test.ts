import { describe, expect, it } from 'vitest';
import { idOf, productIdOf } from '../src/stripe/ids';

describe('Stripe expandable fields as ids', () => {
  it('answers the id whether the field is expanded or not, and keeps null as null', () => {
    expect(idOf('cus_1')).toBe('cus_1');
    expect(idOf({ id: 'cus_1', object: 'customer' } as { id: string })).toBe('cus_1');
    expect(idOf(null)).toBeNull();
    expect(idOf(undefined)).toBeNull();
  });

  it("finds a price's product, expanded or not", () => {
    expect(productIdOf({ product: 'prod_1' })).toBe('prod_1');
    expect(productIdOf({ product: { id: 'prod_2' } as never })).toBe('prod_2');
  });
});
