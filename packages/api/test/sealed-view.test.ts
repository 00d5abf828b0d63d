import { afterEach, describe, expect, it, vi } from 'vitest';
import { sealView, viewJson } from '../src/services/sealed-view';

const view = () => ({
  customer: { id: 'cus_1', name: 'Ada' },
  subscriptions: [{ id: 'sub_1', items: [{ quantity: 2 }], discounts: [] }],
  creditBalance: null,
});

describe('sealed views (the read cache shares one view object between requests)', () => {
  afterEach(() => vi.restoreAllMocks());

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

  it('answers a sealed view with the JSON it wrote the time before, from its second use on', () => {
    const sealed = sealView(view());
    const stringify = vi.spyOn(JSON, 'stringify');
    const answers = [viewJson(sealed), viewJson(sealed), viewJson(sealed), viewJson(sealed)];
    // Written the first two times (a view sent once holds no string), then remembered.
    expect(stringify).toHaveBeenCalledTimes(2);
    stringify.mockRestore();
    expect(new Set(answers)).toEqual(new Set([JSON.stringify(view())]));
  });

  it('serializes anything else afresh, so a changed object is never answered with old JSON', () => {
    const open = view();
    expect(viewJson(open)).toBe(JSON.stringify(open));
    expect(viewJson(open)).toBe(JSON.stringify(open));
    open.customer.name = 'Grace';
    expect(viewJson(open)).toContain('"Grace"');
    const stringify = vi.spyOn(JSON, 'stringify');
    for (let i = 0; i < 3; i++) viewJson(open);
    expect(stringify).toHaveBeenCalledTimes(3);
    expect(viewJson(null)).toBe('null');
    expect(viewJson('text')).toBe('"text"');
    expect(viewJson(undefined)).toBeUndefined();
  });

  it('leaves values that are not objects as they are', () => {
    expect(sealView(42)).toBe(42);
    expect(sealView(null)).toBeNull();
  });
});
