import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { customerWithCard, fakeClock, setup, stripeError } from './helpers.js';

const JAN1 = Date.parse('2026-01-01T00:00:00Z') / 1000;
const DAY = 86_400;

/** A customer with a card, and a code on a fresh coupon. */
async function world(
  coupon: Stripe.CouponCreateParams = { percent_off: 20, duration: 'forever' },
  promo: Partial<Stripe.PromotionCodeCreateParams> = {},
  now?: () => number,
) {
  const { stripe, emulator } = setup(now ? { now } : {});
  const { customer } = await customerWithCard(stripe);
  const c = await stripe.coupons.create(coupon);
  const code = await stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: c.id }, ...promo });
  return { stripe, emulator, customer, coupon: c, code };
}

const subscribeWith = (
  stripe: Stripe,
  customer: string,
  discounts: Stripe.SubscriptionCreateParams.Discount[],
  price: string = DEMO.prices.proMonthly,
) => stripe.subscriptions.create({ customer, items: [{ price }], discounts, expand: ['latest_invoice'] });

/** Stripe's refusal of a promotion code, as the SDK surfaces it. */
async function refusal(promise: () => Promise<unknown>) {
  const e = await stripeError(promise);
  return { type: e.type, rawType: e.rawType, code: e.code, param: e.param, status: e.statusCode };
}
// Stripe's error-code list has no code for an unredeemable promotion code: the param says which one.
const promoRefused = {
  rawType: 'invalid_request_error',
  code: undefined,
  param: 'discounts[0][promotion_code]',
  status: 400,
};

describe("promotion codes: the code's own limits and restrictions, Stripe's errors", () => {
  it('refuses an inactive code', async () => {
    const { stripe, customer, code } = await world();
    await stripe.promotionCodes.update(code.id, { active: false });
    expect(await refusal(() => subscribeWith(stripe, customer.id, [{ promotion_code: code.id }]))).toMatchObject(
      promoRefused,
    );
  });

  it('refuses an expired code', async () => {
    const clock = fakeClock('2026-01-01T00:00:00Z');
    const { stripe, customer, code } = await world(undefined, { expires_at: JAN1 + DAY }, clock.now);
    clock.advance(2 * DAY);
    expect(await refusal(() => subscribeWith(stripe, customer.id, [{ promotion_code: code.id }]))).toMatchObject({
      ...promoRefused,
      code: 'coupon_expired',
    });
  });

  it('refuses a code past its max_redemptions, and counts redemptions', async () => {
    const { stripe, customer, code } = await world(undefined, { max_redemptions: 1 });
    await subscribeWith(stripe, customer.id, [{ promotion_code: code.id }]);
    expect((await stripe.promotionCodes.retrieve(code.id)).times_redeemed).toBe(1);
    const other = await customerWithCard(stripe);
    expect(await refusal(() => subscribeWith(stripe, other.customer.id, [{ promotion_code: code.id }]))).toMatchObject(
      promoRefused,
    );
  });

  it("refuses another customer's code", async () => {
    const { stripe, code: _unused, coupon } = await world();
    const owner = await customerWithCard(stripe);
    const other = await customerWithCard(stripe);
    const theirs = await stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id },
      customer: owner.customer.id,
    });
    expect(
      await refusal(() => subscribeWith(stripe, other.customer.id, [{ promotion_code: theirs.id }])),
    ).toMatchObject(promoRefused);
    const ok = await subscribeWith(stripe, owner.customer.id, [{ promotion_code: theirs.id }]);
    expect(ok.discounts).toHaveLength(1);
  });

  it('honours first_time_transaction: a customer who has paid is refused, a new one is not', async () => {
    const { stripe, customer, code } = await world(undefined, { restrictions: { first_time_transaction: true } });
    const first = await subscribeWith(stripe, customer.id, [{ promotion_code: code.id }]);
    expect((first.latest_invoice as Stripe.Invoice).total).toBe(2320);
    expect(
      await refusal(() => stripe.subscriptions.update(first.id, { discounts: [{ promotion_code: code.id }] })),
    ).toMatchObject(promoRefused);
  });

  it('honours minimum_amount and minimum_amount_currency against what the subscription buys', async () => {
    const { stripe, customer, coupon } = await world();
    const high = await stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id },
      restrictions: { minimum_amount: 5000, minimum_amount_currency: 'usd' },
    });
    const euro = await stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id },
      restrictions: { minimum_amount: 100, minimum_amount_currency: 'eur' },
    });
    const low = await stripe.promotionCodes.create({
      promotion: { type: 'coupon', coupon: coupon.id },
      restrictions: { minimum_amount: 2900, minimum_amount_currency: 'usd' },
    });
    expect(await refusal(() => subscribeWith(stripe, customer.id, [{ promotion_code: high.id }]))).toMatchObject(
      promoRefused,
    );
    expect(await refusal(() => subscribeWith(stripe, customer.id, [{ promotion_code: euro.id }]))).toMatchObject(
      promoRefused,
    );
    expect((await subscribeWith(stripe, customer.id, [{ promotion_code: low.id }])).discounts).toHaveLength(1);
  });
});

describe('coupons: validity, one application each, duration and applies_to in invoicing', () => {
  it('refuses a coupon past redeem_by or max_redemptions with coupon_expired', async () => {
    const clock = fakeClock('2026-01-01T00:00:00Z');
    const { stripe, customer } = await world(undefined, {}, clock.now);
    const dated = await stripe.coupons.create({ percent_off: 10, duration: 'once', redeem_by: JAN1 + DAY });
    const scarce = await stripe.coupons.create({ percent_off: 10, duration: 'once', max_redemptions: 1 });
    await subscribeWith(stripe, customer.id, [{ coupon: scarce.id }]);
    clock.advance(2 * DAY);
    for (const c of [dated, scarce]) {
      expect(await refusal(() => subscribeWith(stripe, customer.id, [{ coupon: c.id }]))).toMatchObject({
        rawType: 'invalid_request_error',
        code: 'coupon_expired',
        param: 'discounts[0][coupon]',
      });
    }
  });

  it('applies a coupon once per subscription: the same code sent again next to its discount is refused', async () => {
    const { stripe, customer, code } = await world();
    const sub = await subscribeWith(stripe, customer.id, [{ promotion_code: code.id }]);
    const existing = sub.discounts[0] as string;
    const e = await stripeError(() =>
      stripe.subscriptions.update(sub.id, { discounts: [{ discount: existing }, { promotion_code: code.id }] }),
    );
    expect([e.rawType, e.param]).toEqual(['invalid_request_error', 'discounts[1]']);
    expect((await stripe.subscriptions.retrieve(sub.id)).discounts).toEqual([existing]);
  });

  it('never discounts below zero: six stacked 20% coupons make a $0 invoice, not a negative one', async () => {
    const { stripe, customer } = await world();
    const coupons = await Promise.all(
      Array.from({ length: 6 }, () => stripe.coupons.create({ percent_off: 20, duration: 'forever' })),
    );
    const sub = await subscribeWith(
      stripe,
      customer.id,
      coupons.map((c) => ({ coupon: c.id })),
    );
    const invoice = sub.latest_invoice as Stripe.Invoice;
    expect([invoice.subtotal, invoice.total, invoice.amount_due]).toEqual([2900, 0, 0]);
    expect(invoice.total_discount_amounts!.reduce((s, d) => s + d.amount, 0)).toBe(2900);
    expect(invoice.ending_balance).toBe(0);
  });

  it('honours duration: once discounts the first invoice only, repeating for its months, forever always', async () => {
    const clock = fakeClock('2026-01-01T00:00:00Z');
    const { stripe, customer } = await world(undefined, {}, clock.now);
    const once = await stripe.coupons.create({ percent_off: 50, duration: 'once' });
    const twoMonths = await stripe.coupons.create({ percent_off: 50, duration: 'repeating', duration_in_months: 2 });
    const forever = await stripe.coupons.create({ percent_off: 50, duration: 'forever' });
    const subs = await Promise.all(
      [once, twoMonths, forever].map(async (c) => (await subscribeWith(stripe, customer.id, [{ coupon: c.id }])).id),
    );
    const totals: number[][] = subs.map(() => []);
    for (let month = 0; month < 4; month++) {
      for (const [i, id] of subs.entries()) {
        const sub = await stripe.subscriptions.retrieve(id, { expand: ['latest_invoice'] });
        totals[i]!.push((sub.latest_invoice as Stripe.Invoice).total);
      }
      clock.set(Date.parse(`2026-0${month + 2}-01T00:00:00Z`) + 3_600_000);
    }
    expect(totals).toEqual([
      [1450, 2900, 2900, 2900],
      [1450, 1450, 2900, 2900],
      [1450, 1450, 1450, 1450],
    ]);
  });

  it("applies a coupon with applies_to only to its products' lines", async () => {
    const { stripe, customer } = await world();
    const teamOnly = await stripe.coupons.create({
      percent_off: 50,
      duration: 'forever',
      applies_to: { products: [DEMO.products.team] },
    });
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: DEMO.prices.proMonthly }, { price: DEMO.prices.teamMonthly, quantity: 2 }],
      discounts: [{ coupon: teamOnly.id }],
      expand: ['latest_invoice'],
    });
    const invoice = sub.latest_invoice as Stripe.Invoice;
    const team = invoice.lines.data.find((l) => l.pricing?.price_details?.product === DEMO.products.team)!;
    const pro = invoice.lines.data.find((l) => l.pricing?.price_details?.product === DEMO.products.pro)!;
    expect(pro.discount_amounts).toEqual([]);
    expect(team.discount_amounts![0]!.amount).toBe(team.amount / 2);
    expect(invoice.total).toBe(invoice.subtotal - team.amount / 2);
  });
});

describe('a negative total becomes customer credit, which later invoices consume', () => {
  it('credits the balance with a balance transaction and uses it up on the next invoice', async () => {
    const clock = fakeClock('2026-01-01T00:00:00Z');
    const { stripe } = setup({ now: clock.now });
    const { customer } = await customerWithCard(stripe);
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: DEMO.prices.proMonthly }],
    });
    clock.set(Date.parse('2026-01-11T00:00:00Z'));
    const down = await stripe.subscriptions.update(sub.id, {
      items: [{ id: sub.items.data[0]!.id, price: DEMO.prices.starterMonthly }],
      proration_behavior: 'always_invoice',
      expand: ['latest_invoice'],
    });
    const credit = down.latest_invoice as Stripe.Invoice;
    expect(credit.total).toBeLessThan(0);
    expect([credit.amount_due, credit.ending_balance]).toEqual([0, credit.total]);
    const [txn] = (await stripe.customers.listBalanceTransactions(customer.id)).data;
    expect(txn).toMatchObject({
      object: 'customer_balance_transaction',
      amount: credit.total,
      ending_balance: credit.total,
      invoice: credit.id,
      type: 'applied_to_invoice',
    });
    expect(await stripe.customers.retrieveBalanceTransaction(customer.id, txn!.id)).toMatchObject({ id: txn!.id });

    // The renewal ($9 Starter) is paid from the credit first.
    clock.set(Date.parse('2026-02-01T01:00:00Z'));
    const renewed = await stripe.subscriptions.retrieve(sub.id, { expand: ['latest_invoice'] });
    const next = renewed.latest_invoice as Stripe.Invoice;
    expect(next.starting_balance).toBe(credit.total);
    expect(next.amount_due).toBe(Math.max(0, 900 + credit.total));
    const txns = (await stripe.customers.listBalanceTransactions(customer.id)).data;
    expect(txns).toHaveLength(2);
    const balance = ((await stripe.customers.retrieve(customer.id)) as Stripe.Customer).balance;
    expect(balance).toBe(Math.min(0, 900 + credit.total));
    expect(txns.find((t) => t.invoice === next.id)?.amount).toBe(balance - credit.total);
  });
});
