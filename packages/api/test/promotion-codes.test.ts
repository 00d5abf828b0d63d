import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { errorOf, key, reasonOf } from './fixtures';
import { billNowConfig, PRICES, subscribe } from './subscription-fixtures';
import { useApiSuite } from './suite';

const { h, f } = useApiSuite();

let n = 0;
/** A fresh code (codes are unique among active ones) on a fresh coupon. */
async function promo(
  coupon: Stripe.CouponCreateParams = { percent_off: 20, duration: 'forever' },
  extra: Partial<Stripe.PromotionCodeCreateParams> = {},
) {
  const c = await h.stripe.coupons.create(coupon);
  return h.stripe.promotionCodes.create({
    promotion: { type: 'coupon', coupon: c.id },
    code: `CODE${Date.now()}${n++}`,
    ...extra,
  });
}

async function subscriber(items: Array<{ price: string; quantity?: number }>, opts: { trialDays?: number } = {}) {
  const c = await f.newCustomer({ cards: ['pm_card_visa'] });
  const sub = opts.trialDays
    ? await h.stripe.subscriptions.create({ customer: c.customer.id, items, trial_period_days: opts.trialDays })
    : await subscribe(h, c.customer.id, items);
  return {
    ...c,
    sub,
    itemId: sub.items.data[0]!.id,
    api: (await c.caller({ portalConfig: billNowConfig })).billing.subscription,
  };
}

const reasonFor = async (promise: Promise<unknown>) => {
  const error = await errorOf(promise);
  return [error.code, reasonOf(error)];
};

describe('issue 15 item 1: a promotion code never stacks on itself', () => {
  it('six preview+confirm rounds with the same code leave one discount and never a zero or negative invoice', async () => {
    const code = await promo({ percent_off: 20, duration: 'forever' });
    const s = await subscriber([{ price: PRICES.teamMonthly, quantity: 2 }]);
    const confirmed: Array<{ total: number; amountDue: number }> = [];
    for (let round = 0; round < 6; round++) {
      const items = [{ itemId: s.itemId, quantity: 3 + round }];
      const withCode = { subscriptionId: s.sub.id, items, promotionCode: code.code };
      if (round === 0) {
        const preview = await s.api.previewChange(withCode);
        const result = await s.api.change({ ...key(), ...withCode, prorationDate: preview.prorationDate });
        const invoice = await h.stripe.invoices.retrieve(result.invoice!.id);
        confirmed.push({ total: invoice.total, amountDue: invoice.amount_due });
        continue;
      }
      // The code is on the subscription now: preview and confirm both refuse to add it again…
      expect(await reasonFor(s.api.previewChange(withCode))).toEqual(['BAD_REQUEST', 'PROMOTION_CODE_ALREADY_APPLIED']);
      expect(
        await reasonFor(s.api.change({ ...key(), ...withCode, prorationDate: Math.floor(Date.now() / 1000) })),
      ).toEqual(['BAD_REQUEST', 'PROMOTION_CODE_ALREADY_APPLIED']);
      // …and the same seat change without it keeps the one discount already there.
      const preview = await s.api.previewChange({ subscriptionId: s.sub.id, items });
      const result = await s.api.change({
        ...key(),
        subscriptionId: s.sub.id,
        items,
        prorationDate: preview.prorationDate,
      });
      const invoice = await h.stripe.invoices.retrieve(result.invoice!.id);
      expect(invoice.total).toBe(preview.total.amount);
      confirmed.push({ total: invoice.total, amountDue: invoice.amount_due });
    }
    const sub = await h.stripe.subscriptions.retrieve(s.sub.id);
    expect(sub.discounts).toHaveLength(1);
    expect(confirmed.every((i) => i.total > 0 && i.amountDue > 0)).toBe(true);
    // The next invoice of 8 Team seats is 20% off once, not 120% off.
    const overview = await (await s.caller()).billing.overview();
    expect(overview.subscriptions[0]?.nextInvoice?.amount.amount).toBe(Math.round(8 * 1200 * 0.8));
  });

  it('another code for the same coupon counts as applied too', async () => {
    const first = await promo({ percent_off: 10, duration: 'forever' });
    const twin = await h.stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: first.promotion.coupon as string },
      code: `TWIN${Date.now()}`,
    });
    const s = await subscriber([{ price: PRICES.starterMonthly }]);
    const items = [{ itemId: s.itemId, priceId: PRICES.proMonthly }];
    const preview = await s.api.previewChange({ subscriptionId: s.sub.id, items, promotionCode: first.code });
    await s.api.change({
      ...key(),
      subscriptionId: s.sub.id,
      items,
      promotionCode: first.code,
      prorationDate: preview.prorationDate,
    });
    expect(
      await reasonFor(
        s.api.previewChange({
          subscriptionId: s.sub.id,
          items: [{ itemId: s.itemId, priceId: PRICES.businessMonthly }],
          promotionCode: twin.code,
        }),
      ),
    ).toEqual(['BAD_REQUEST', 'PROMOTION_CODE_ALREADY_APPLIED']);
  });
});

describe("issue 15 item 1: a code's restrictions are the portal's, checked before Stripe is asked", () => {
  const upgrade = (s: Awaited<ReturnType<typeof subscriber>>, code: string) =>
    reasonFor(
      s.api.previewChange({
        subscriptionId: s.sub.id,
        items: [{ itemId: s.itemId, priceId: PRICES.proMonthly }],
        promotionCode: code,
      }),
    );
  const invalid = ['BAD_REQUEST', 'PROMOTION_CODE_INVALID'];
  const notApplicable = ['BAD_REQUEST', 'PROMOTION_CODE_NOT_APPLICABLE'];
  const past = () => Math.floor(Date.now() / 1000) - 60;

  it('refuses unknown, inactive, expired and used-up codes alike', async () => {
    const s = await subscriber([{ price: PRICES.starterMonthly }]);
    expect(await upgrade(s, 'NOSUCHCODE')).toEqual(invalid);
    const inactive = await promo();
    await h.stripe.promotionCodes.update(inactive.id, { active: false });
    expect(await upgrade(s, inactive.code)).toEqual(invalid);
    expect(await upgrade(s, (await promo(undefined, { expires_at: past() })).code)).toEqual(invalid);
    const once = await promo(undefined, { max_redemptions: 1 });
    const other = await subscriber([{ price: PRICES.starterMonthly }]);
    await h.stripe.subscriptions.update(other.sub.id, { discounts: [{ promotion_code: once.id }] });
    expect(await upgrade(s, once.code)).toEqual(invalid);
  });

  it("refuses another customer's code exactly like an unknown one", async () => {
    const s = await subscriber([{ price: PRICES.starterMonthly }]);
    const someoneElse = await f.newCustomer();
    const theirs = await promo(undefined, { customer: someoneElse.customer.id });
    expect(await upgrade(s, theirs.code)).toEqual(invalid);
    const mine = await promo(undefined, { customer: s.customer.id });
    const preview = await s.api.previewChange({
      subscriptionId: s.sub.id,
      items: [{ itemId: s.itemId, priceId: PRICES.proMonthly }],
      promotionCode: mine.code,
    });
    expect(preview.discount.amount).toBeGreaterThan(0);
  });

  it('refuses a coupon past its redeem_by or its max_redemptions', async () => {
    const s = await subscriber([{ price: PRICES.starterMonthly }]);
    expect(await upgrade(s, (await promo({ percent_off: 10, duration: 'once', redeem_by: past() })).code)).toEqual(
      invalid,
    );
    const scarce = await promo({ percent_off: 10, duration: 'once', max_redemptions: 1 });
    const other = await subscriber([{ price: PRICES.starterMonthly }]);
    await h.stripe.subscriptions.update(other.sub.id, { discounts: [{ coupon: scarce.promotion.coupon as string }] });
    expect(await upgrade(s, scarce.code)).toEqual(invalid);
  });

  it('honours first_time_transaction: refused after a paid invoice, accepted on a first purchase (a trial)', async () => {
    const code = await promo(undefined, { restrictions: { first_time_transaction: true } });
    const paying = await subscriber([{ price: PRICES.starterMonthly }]);
    expect(await upgrade(paying, code.code)).toEqual(notApplicable);
    const trialing = await subscriber([{ price: PRICES.starterMonthly }], { trialDays: 14 });
    const preview = await trialing.api.previewChange({
      subscriptionId: trialing.sub.id,
      items: [{ itemId: trialing.itemId, priceId: PRICES.proMonthly }],
      promotionCode: code.code,
    });
    expect(preview.subscriptionId).toBe(trialing.sub.id);
  });

  it('honours minimum_amount and its currency', async () => {
    const s = await subscriber([{ price: PRICES.starterMonthly }]);
    // Pro is $29 a month: a $50 minimum refuses it, a $20 one accepts it, a euro minimum never matches.
    expect(
      await upgrade(
        s,
        (await promo(undefined, { restrictions: { minimum_amount: 5000, minimum_amount_currency: 'usd' } })).code,
      ),
    ).toEqual(notApplicable);
    expect(
      await upgrade(
        s,
        (await promo(undefined, { restrictions: { minimum_amount: 2000, minimum_amount_currency: 'eur' } })).code,
      ),
    ).toEqual(notApplicable);
    const fits = await promo(undefined, { restrictions: { minimum_amount: 2000, minimum_amount_currency: 'usd' } });
    const preview = await s.api.previewChange({
      subscriptionId: s.sub.id,
      items: [{ itemId: s.itemId, priceId: PRICES.proMonthly }],
      promotionCode: fits.code,
    });
    expect(preview.discount.amount).toBeGreaterThan(0);
  });

  it("honours the coupon's applies_to products", async () => {
    const s = await subscriber([{ price: PRICES.starterMonthly }]);
    const pro = await h.stripe.prices.retrieve(PRICES.proMonthly);
    const team = await h.stripe.prices.retrieve(PRICES.teamMonthly);
    expect(
      await upgrade(
        s,
        (await promo({ percent_off: 10, duration: 'forever', applies_to: { products: [team.product as string] } }))
          .code,
      ),
    ).toEqual(notApplicable);
    const forPro = await promo({
      percent_off: 10,
      duration: 'forever',
      applies_to: { products: [pro.product as string] },
    });
    const preview = await s.api.previewChange({
      subscriptionId: s.sub.id,
      items: [{ itemId: s.itemId, priceId: PRICES.proMonthly }],
      promotionCode: forPro.code,
    });
    expect(preview.discount.amount).toBeGreaterThan(0);
  });
});
