import { describe, expect, it } from 'vitest';
import { codeOf, errorOf, key, reasonOf } from './fixtures';
import { testPortalConfig } from './harness';
import { billNowConfig, configWith, noUpdatesConfig, PRICES, readOnlyCaller, subscribe } from './subscription-fixtures';
import { useApiSuite } from './suite';

const { h, f } = useApiSuite();

/** A customer with a card and one subscription, whose portal bills changes at once. */
async function subscriber(items: Array<{ price: string; quantity?: number }>) {
  const c = await f.newCustomer({ cards: ['pm_card_visa'] });
  const sub = await subscribe(h, c.customer.id, items);
  return {
    ...c,
    sub,
    itemId: sub.items.data[0]!.id,
    api: (await c.caller({ portalConfig: billNowConfig })).billing.subscription,
  };
}

describe('a preview followed by its confirm charges exactly the previewed amount', () => {
  async function previewThenConfirm(
    s: Awaited<ReturnType<typeof subscriber>>,
    items: Array<{ itemId: string; priceId?: string; quantity?: number }>,
  ) {
    const preview = await s.api.previewChange({ subscriptionId: s.sub.id, items });
    const result = await s.api.change({
      ...key(),
      subscriptionId: s.sub.id,
      items,
      prorationDate: preview.prorationDate,
    });
    expect(result.timing).toBe('now');
    const invoice = await h.stripe.invoices.retrieve(result.invoice!.id);
    return { preview, result, invoice };
  }

  it('for an upgrade: credit for unused Starter, charge for Pro, the card pays the difference', async () => {
    const s = await subscriber([{ price: PRICES.starterMonthly }]);
    const { preview, result, invoice } = await previewThenConfirm(s, [
      { itemId: s.itemId, priceId: PRICES.proMonthly },
    ]);
    expect(preview.credit.amount).toBeLessThan(0);
    expect(preview.charge.amount).toBeGreaterThan(0);
    expect(preview.dueToday.amount).toBe(preview.credit.amount + preview.charge.amount);
    // Changed seconds after subscribing: nearly the full $29 − $9.
    expect(preview.dueToday.amount).toBeGreaterThan(1990);
    expect(preview.dueToday.amount).toBeLessThanOrEqual(2000);
    expect(invoice.total).toBe(preview.total.amount);
    expect(invoice.amount_paid).toBe(preview.dueToday.amount);
    expect(result.subscription.items[0]).toMatchObject({ priceId: PRICES.proMonthly, productName: 'Pro' });
  });

  it('for a downgrade: the credit becomes the customer balance the overview shows', async () => {
    const s = await subscriber([{ price: PRICES.proMonthly }]);
    const { preview, invoice } = await previewThenConfirm(s, [{ itemId: s.itemId, priceId: PRICES.starterMonthly }]);
    expect(preview.total.amount).toBeLessThan(-1990);
    expect(preview.dueToday.amount).toBe(0);
    expect(invoice.total).toBe(preview.total.amount);
    expect(invoice.amount_paid).toBe(0);
    const overview = await (await s.caller()).billing.overview();
    expect(overview.creditBalance).toEqual({ amount: -preview.total.amount, currency: 'usd' });
  });

  it('for a seat change: two more Team seats for the rest of the month', async () => {
    const s = await subscriber([{ price: PRICES.teamMonthly, quantity: 3 }]);
    const { preview, result, invoice } = await previewThenConfirm(s, [{ itemId: s.itemId, quantity: 5 }]);
    expect(preview.dueToday.amount).toBeGreaterThan(2390);
    expect(preview.dueToday.amount).toBeLessThanOrEqual(2400);
    expect(invoice.amount_paid).toBe(preview.dueToday.amount);
    expect(result.subscription.items[0]?.quantity).toBe(5);
  });

  it('for an interval switch: a year of Pro, less the unused month, starting today', async () => {
    const s = await subscriber([{ price: PRICES.proMonthly }]);
    const { preview, result, invoice } = await previewThenConfirm(s, [{ itemId: s.itemId, priceId: PRICES.proYearly }]);
    expect(preview.lines.some((l) => l.kind === 'recurring' && l.amount.amount === 29000)).toBe(true);
    expect(preview.dueToday.amount).toBeGreaterThan(29000 - 2900 - 1);
    expect(preview.dueToday.amount).toBeLessThan(29000 - 2890);
    expect(invoice.amount_paid).toBe(preview.dueToday.amount);
    expect(result.subscription.items[0]).toMatchObject({ interval: 'year', priceId: PRICES.proYearly });
    expect(Date.parse(result.subscription.currentPeriodEnd!)).toBeGreaterThan(Date.now() + 360 * 86_400_000);
  });

  it('with a promotion code: the invoice matches the preview and the next invoice is discounted', async () => {
    const coupon = await h.stripe.coupons.create({ percent_off: 50, duration: 'forever' });
    await h.stripe.promotionCodes
      .create({ promotion: { type: 'coupon', coupon: coupon.id }, code: `HALF${Date.now()}` })
      .then(async (p) => {
        const s = await subscriber([{ price: PRICES.starterMonthly }]);
        const items = [{ itemId: s.itemId, priceId: PRICES.proMonthly }];
        const preview = await s.api.previewChange({ subscriptionId: s.sub.id, items, promotionCode: p.code });
        const result = await s.api.change({
          ...key(),
          subscriptionId: s.sub.id,
          items,
          promotionCode: p.code,
          prorationDate: preview.prorationDate,
        });
        const invoice = await h.stripe.invoices.retrieve(result.invoice!.id);
        // The code discounts the change itself (issue 16 item 3): the preview shows it, the invoice bills it.
        expect(preview.discount.amount).toBe(Math.round((2900 - 900) * 0.5));
        expect(invoice.total).toBe(preview.total.amount);
        expect(invoice.total_discount_amounts?.reduce((sum, d) => sum + d.amount, 0)).toBe(preview.discount.amount);
        expect(result.subscription.discounts[0]).toMatchObject({ percentOff: 50, promotionCode: p.code });
        // Half off Pro from the next invoice on.
        const overview = await (await s.caller()).billing.overview();
        expect(overview.subscriptions[0]?.nextInvoice?.amount).toEqual({ amount: 1450, currency: 'usd' });
      });
  });
});

describe('multi-item subscriptions are edited item by item', () => {
  it('changes the seats of one item and leaves the other alone', async () => {
    const s = await subscriber([{ price: PRICES.businessMonthly }, { price: PRICES.teamMonthly, quantity: 2 }]);
    const team = s.sub.items.data.find((i) => i.price.id === PRICES.teamMonthly)!;
    const preview = await s.api.previewChange({ subscriptionId: s.sub.id, items: [{ itemId: team.id, quantity: 4 }] });
    expect(preview.items.map((i) => [i.priceId, i.quantity])).toEqual([
      [PRICES.businessMonthly, 1],
      [PRICES.teamMonthly, 4],
    ]);
    expect(preview.lines.filter((l) => l.kind !== 'recurring').every((l) => l.productName === 'Team')).toBe(true);
    const result = await s.api.change({
      ...key(),
      subscriptionId: s.sub.id,
      items: [{ itemId: team.id, quantity: 4 }],
      prorationDate: preview.prorationDate,
    });
    expect(result.subscription.items.map((i) => i.quantity)).toEqual([1, 4]);
  });

  it('adds an offered plan as a new item, within its seat limits', async () => {
    const s = await subscriber([{ price: PRICES.businessMonthly }]);
    const tooMany = await errorOf(
      s.api.previewChange({ subscriptionId: s.sub.id, items: [{ priceId: PRICES.teamMonthly, quantity: 60 }] }),
    );
    expect(tooMany.message).toBe('Choose a quantity between 1 and 50.');
    const preview = await s.api.previewChange({
      subscriptionId: s.sub.id,
      items: [{ priceId: PRICES.teamMonthly, quantity: 3 }],
    });
    const result = await s.api.change({
      ...key(),
      subscriptionId: s.sub.id,
      items: [{ priceId: PRICES.teamMonthly, quantity: 3 }],
      prorationDate: preview.prorationDate,
    });
    expect(result.subscription.items.map((i) => [i.productName, i.quantity])).toEqual([
      ['Business', 1],
      ['Team', 3],
    ]);
    expect((await h.stripe.invoices.retrieve(result.invoice!.id)).total).toBe(preview.total.amount);
  });

  it('moving from five Team seats to Pro means one Pro plan, not five', async () => {
    const s = await subscriber([{ price: PRICES.teamMonthly, quantity: 5 }]);
    const preview = await s.api.previewChange({
      subscriptionId: s.sub.id,
      items: [{ itemId: s.itemId, priceId: PRICES.proMonthly }],
    });
    expect(preview.items).toEqual([expect.objectContaining({ productName: 'Pro', quantity: 1 })]);
  });

  it('refuses a switch that would leave items on different intervals', async () => {
    const s = await subscriber([{ price: PRICES.businessMonthly }, { price: PRICES.teamMonthly }]);
    const error = await errorOf(
      s.api.previewChange({ subscriptionId: s.sub.id, items: [{ itemId: s.itemId, priceId: PRICES.businessYearly }] }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/same interval/);
  });
});

describe('refusals', () => {
  it('is UNAUTHORIZED for an anonymous caller', async () => {
    const s = await subscriber([{ price: PRICES.proMonthly }]);
    const anon = (await f.callerAs(null)).billing.subscription;
    expect(
      await codeOf(anon.previewChange({ subscriptionId: s.sub.id, items: [{ itemId: s.itemId, quantity: 1 }] })),
    ).toBe('UNAUTHORIZED');
    expect(
      await codeOf(
        anon.change({
          ...key(),
          subscriptionId: s.sub.id,
          items: [{ itemId: s.itemId, priceId: PRICES.starterMonthly }],
          prorationDate: 1,
        }),
      ),
    ).toBe('UNAUTHORIZED');
  });

  it("answers another customer's subscription exactly like a missing one", async () => {
    const victim = await subscriber([{ price: PRICES.proMonthly }]);
    const attacker = await subscriber([{ price: PRICES.starterMonthly }]);
    const foreign = await errorOf(
      attacker.api.previewChange({
        subscriptionId: victim.sub.id,
        items: [{ itemId: victim.itemId, priceId: PRICES.businessMonthly }],
      }),
    );
    const missing = await errorOf(
      attacker.api.previewChange({
        subscriptionId: 'sub_doesnotexist',
        items: [{ itemId: victim.itemId, priceId: PRICES.businessMonthly }],
      }),
    );
    expect(foreign.code).toBe('NOT_FOUND');
    expect(foreign.message).toBe(missing.message);
    expect(
      await codeOf(
        attacker.api.change({
          ...key(),
          subscriptionId: victim.sub.id,
          items: [{ itemId: victim.itemId, priceId: PRICES.starterMonthly }],
          prorationDate: 1,
        }),
      ),
    ).toBe('NOT_FOUND');
    expect((await h.stripe.subscriptions.retrieve(victim.sub.id)).items.data[0]?.price.id).toBe(PRICES.proMonthly);
  });

  it("is NOT_FOUND for another subscription's item and for a price the portal does not offer", async () => {
    const victim = await subscriber([{ price: PRICES.proMonthly }]);
    const s = await subscriber([{ price: PRICES.starterMonthly }]);
    expect(
      await codeOf(s.api.previewChange({ subscriptionId: s.sub.id, items: [{ itemId: victim.itemId, quantity: 2 }] })),
    ).toBe('NOT_FOUND');
    expect(
      await codeOf(
        s.api.previewChange({
          subscriptionId: s.sub.id,
          items: [{ itemId: s.itemId, priceId: PRICES.supportMonthly }],
        }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      await codeOf(
        s.api.previewChange({ subscriptionId: s.sub.id, items: [{ itemId: s.itemId, priceId: 'price_doesnotexist' }] }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      await codeOf(
        s.api.previewChange({
          subscriptionId: s.sub.id,
          items: [{ itemId: s.itemId, priceId: PRICES.proMonthly }],
          promotionCode: 'NOSUCHCODE',
        }),
      ),
    ).toBe('BAD_REQUEST');
  });

  it('keeps seats inside the configured minimum and maximum', async () => {
    const s = await subscriber([{ price: PRICES.teamMonthly, quantity: 3 }]);
    const error = await errorOf(
      s.api.previewChange({ subscriptionId: s.sub.id, items: [{ itemId: s.itemId, quantity: 51 }] }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toBe('Choose a quantity between 1 and 50.');
  });

  it('is FORBIDDEN with FEATURE_DISABLED for seats on a plan without adjustable quantity', async () => {
    const s = await subscriber([{ price: PRICES.proMonthly }]);
    const error = await errorOf(
      s.api.previewChange({ subscriptionId: s.sub.id, items: [{ itemId: s.itemId, quantity: 3 }] }),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(reasonOf(error)).toBe('FEATURE_DISABLED');
  });

  it('is FORBIDDEN with FEATURE_DISABLED when the configuration turns plan changes off', async () => {
    const s = await subscriber([{ price: PRICES.starterMonthly }]);
    const api = (await s.caller({ portalConfig: noUpdatesConfig })).billing.subscription;
    const items = [{ itemId: s.itemId, priceId: PRICES.proMonthly }];
    const error = await errorOf(api.previewChange({ subscriptionId: s.sub.id, items }));
    expect(error.code).toBe('FORBIDDEN');
    expect(reasonOf(error)).toBe('FEATURE_DISABLED');
    expect(error.message).toMatch(/not available/);
    expect(
      reasonOf(
        await errorOf(
          api.change({ ...key(), subscriptionId: s.sub.id, items, prorationDate: Math.floor(Date.now() / 1000) }),
        ),
      ),
    ).toBe('FEATURE_DISABLED');
  });

  it('is FORBIDDEN with FEATURE_DISABLED for a promotion code when the configuration does not accept them', async () => {
    const s = await subscriber([{ price: PRICES.starterMonthly }]);
    const noCodes = configWith({
      subscription_update: {
        ...testPortalConfig.default.features.subscription_update,
        default_allowed_updates: ['price', 'quantity'],
      },
    });
    const api = (await s.caller({ portalConfig: noCodes })).billing.subscription;
    const error = await errorOf(
      api.previewChange({
        subscriptionId: s.sub.id,
        items: [{ itemId: s.itemId, priceId: PRICES.proMonthly }],
        promotionCode: 'ANYCODE',
      }),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(reasonOf(error)).toBe('FEATURE_DISABLED');
  });

  it('is FORBIDDEN for a read-only viewer, and nothing changes in Stripe', async () => {
    const s = await subscriber([{ price: PRICES.starterMonthly }]);
    const preview = await s.api.previewChange({
      subscriptionId: s.sub.id,
      items: [{ itemId: s.itemId, priceId: PRICES.proMonthly }],
    });
    const ro = readOnlyCaller(h, s.customer.id).billing.subscription;
    expect(
      await codeOf(
        ro.change({
          ...key(),
          subscriptionId: s.sub.id,
          items: [{ itemId: s.itemId, priceId: PRICES.proMonthly }],
          prorationDate: preview.prorationDate,
        }),
      ),
    ).toBe('FORBIDDEN');
    expect((await h.stripe.subscriptions.retrieve(s.sub.id)).items.data[0]?.price.id).toBe(PRICES.starterMonthly);
  });

  it('refuses a confirm whose preview is too old, so the amount shown stays the amount charged', async () => {
    const s = await subscriber([{ price: PRICES.starterMonthly }]);
    const error = await errorOf(
      s.api.change({
        ...key(),
        subscriptionId: s.sub.id,
        items: [{ itemId: s.itemId, priceId: PRICES.proMonthly }],
        prorationDate: Math.floor(Date.now() / 1000) - 3 * 3600,
      }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(reasonOf(error)).toBe('PREVIEW_EXPIRED');
  });

  it('a declined card changes nothing and keeps its decline code', async () => {
    const s = await subscriber([{ price: PRICES.starterMonthly }]);
    const failing = await h.stripe.paymentMethods.attach('pm_card_chargeCustomerFail', { customer: s.customer.id });
    await h.stripe.customers.update(s.customer.id, { invoice_settings: { default_payment_method: failing.id } });
    const items = [{ itemId: s.itemId, priceId: PRICES.businessMonthly }];
    const preview = await s.api.previewChange({ subscriptionId: s.sub.id, items });
    const error = await errorOf(
      s.api.change({ ...key(), subscriptionId: s.sub.id, items, prorationDate: preview.prorationDate }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(reasonOf(error)).toBe('CARD_DECLINED');
    expect((await h.stripe.subscriptions.retrieve(s.sub.id)).items.data[0]?.price.id).toBe(PRICES.starterMonthly);
  });

  it('applies a double-submitted change once', async () => {
    const s = await subscriber([{ price: PRICES.starterMonthly }]);
    const items = [{ itemId: s.itemId, priceId: PRICES.proMonthly }];
    const preview = await s.api.previewChange({ subscriptionId: s.sub.id, items });
    const input = { ...key(), subscriptionId: s.sub.id, items, prorationDate: preview.prorationDate };
    const results = await Promise.allSettled([s.api.change(input), s.api.change(input)]);
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    const invoices = await h.stripe.invoices.list({ customer: s.customer.id });
    expect(invoices.data.filter((i) => i.billing_reason === 'subscription_update')).toHaveLength(1);
  });
});
