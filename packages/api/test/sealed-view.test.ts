import { describe, expect, it } from 'vitest';
import { sealView, viewJson } from '../src/services/sealed-view';

const view = () => ({
  customer: { id: 'cus_1', name: 'Ada' },
  subscriptions: [{ id: 'sub_1', items: [{ quantity: 2 }], discounts: [] }],
  creditBalance: null,
});

describe('sealed views (the read cache shares one view object between requests)', () => {
  it('freezes the view all the way down, so no reader can change what the next one receives', () => {
    const sealed = sealView(view());
    expect(() => {
      (sealed.customer as { name: string }).name = 'Mallory';
    }).toThrow(TypeError);
    expect(() => {
      (sealed.subscriptions[0]!.items as unknown[]).push({ quantity: 99 });
    }).toThrow(TypeError);
    expect(sealed.customer.name).toBe('Ada');
    expect(sealed.subscriptions[0]!.items).toHaveLength(1);
  });

  it("serializes a sealed view once: the same JSON as JSON.stringify, every time", () => {
    const sealed = sealView(view());
    const first = viewJson(sealed);
    expect(first).toBe(JSON.stringify(view()));
    expect(viewJson(sealed)).toBe(first);
  });

  it('serializes anything else afresh, so a changed object is never answered with old JSON', () => {
    const open = view();
    expect(viewJson(open)).toBe(JSON.stringify(open));
    open.customer.name = 'Grace';
    expect(viewJson(open)).toContain('"Grace"');
    expect(viewJson(null)).toBe('null');
    expect(viewJson('text')).toBe('"text"');
    expect(viewJson(undefined)).toBeUndefined();
  });

  it('leaves values that are not objects as they are', () => {
    expect(sealView(42)).toBe(42);
    expect(sealView(null)).toBeNull();
  });
});
