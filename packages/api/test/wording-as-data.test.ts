import { ErrorReason } from '@portal/contract';
import { type TRPCError, type TRPCDefaultErrorShape } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { errorFormatter } from '../src/errors';
import { errorOf, key } from './fixtures';
import {
  billNowConfig,
  configWith,
  noUpdatesConfig,
  PRICES,
  scheduleDowngradesConfig,
  subscribe,
} from './subscription-fixtures';
import { useApiSuite } from './suite';

/**
 * Wording lives in the client's catalogs (issues 16, 18): what the server sends a customer's
 * screen is codes and data (amounts in minor units, ISO times, names from the catalog), never an
 * English sentence of its own making.
 */
const { h, f } = useApiSuite();

async function subscriber(items: Array<{ price: string; quantity?: number }>, portalConfig = billNowConfig) {
  const c = await f.newCustomer({ cards: ['pm_card_visa'] });
  const sub = await subscribe(h, c.customer.id, items);
  return { ...c, sub, itemId: sub.items.data[0]!.id, api: (await c.caller({ portalConfig })).billing.subscription };
}

/** The error as a client receives it in `error.data`. */
function wire(error: TRPCError) {
  const shape = {
    message: error.message,
    code: -32600,
    data: { code: error.code, httpStatus: 400, path: 'x' },
  } as TRPCDefaultErrorShape;
  return errorFormatter({ shape, error }).data;
}

describe('preview lines are data the client words', () => {
  it('names the plan, quantity and period of each proration line', async () => {
    const s = await subscriber([{ price: PRICES.starterMonthly }]);
    const preview = await s.api.previewChange({
      subscriptionId: s.sub.id,
      items: [{ itemId: s.itemId, priceId: PRICES.proMonthly }],
    });
    const credit = preview.lines.find((l) => l.kind === 'credit');
    const charge = preview.lines.find((l) => l.kind === 'charge');
    expect(credit).toMatchObject({
      productName: 'Starter',
      quantity: 1,
      periodStart: expect.any(String),
      periodEnd: expect.any(String),
    });
    expect(charge).toMatchObject({ productName: 'Pro', quantity: 1 });
    expect(new Date(charge!.periodStart!).getTime()).toBe(preview.prorationDate * 1000);
  });

  it('books a downgrade for the period end without a sentence of the server’s own', async () => {
    const s = await subscriber([{ price: PRICES.proMonthly }], scheduleDowngradesConfig);
    const preview = await s.api.previewChange({
      subscriptionId: s.sub.id,
      items: [{ itemId: s.itemId, priceId: PRICES.starterMonthly }],
    });
    expect(preview.timing).toBe('period_end');
    expect(preview.lines).toEqual([
      {
        description: null,
        amount: { amount: 900, currency: 'usd' },
        kind: 'recurring',
        productName: 'Starter',
        quantity: 1,
        periodStart: preview.effectiveAt,
        periodEnd: null,
      },
    ]);
  });
});

describe('retention offers carry their terms, not a headline', () => {
  const cancelAtEnd = { enabled: true, mode: 'at_period_end' };
  it('a pause offer says how long; the coupon offer what and for how long', async () => {
    const pause = await subscriber(
      [{ price: PRICES.proMonthly }],
      configWith({ subscription_cancel: { ...cancelAtEnd, retention: { type: 'pause', months: 3 } } }),
    );
    expect((await pause.api.retentionOffer({ subscriptionId: pause.sub.id })).offer).toMatchObject({
      type: 'pause',
      headline: null,
      months: 3,
    });
    const coupon = await h.stripe.coupons.create({ amount_off: 500, currency: 'usd', duration: 'once' });
    const withCoupon = await subscriber(
      [{ price: PRICES.proMonthly }],
      configWith({ subscription_cancel: { ...cancelAtEnd, retention: { type: 'coupon', coupon: coupon.id } } }),
    );
    expect((await withCoupon.api.retentionOffer({ subscriptionId: withCoupon.sub.id })).offer).toMatchObject({
      type: 'coupon',
      headline: null,
      coupon: { amountOff: { amount: 500, currency: 'usd' }, duration: 'once' },
    });
  });

  it('keeps an operator’s own headline verbatim', async () => {
    const s = await subscriber(
      [{ price: PRICES.proMonthly }],
      configWith({
        subscription_cancel: { ...cancelAtEnd, retention: { type: 'pause', months: 1, headline: 'Take a break' } },
      }),
    );
    expect((await s.api.retentionOffer({ subscriptionId: s.sub.id })).offer?.headline).toBe('Take a break');
  });
});

describe('refusals carry a reason, a detail and parameters', () => {
  it('a state refusal names the state', async () => {
    const s = await subscriber([{ price: PRICES.proMonthly }]);
    await s.api.pause({ ...key(), subscriptionId: s.sub.id });
    const error = await errorOf(s.api.pause({ ...key(), subscriptionId: s.sub.id }));
    expect(wire(error)).toMatchObject({
      reason: ErrorReason.actionUnavailable,
      detail: 'already_paused',
      params: null,
    });
  });

  it('a feature switched off names the feature', async () => {
    const s = await subscriber([{ price: PRICES.starterMonthly }], noUpdatesConfig);
    const error = await errorOf(
      s.api.previewChange({ subscriptionId: s.sub.id, items: [{ itemId: s.itemId, priceId: PRICES.proMonthly }] }),
    );
    expect(wire(error)).toMatchObject({ reason: ErrorReason.featureDisabled, detail: 'change' });
  });

  it('a quantity out of range carries the range as numbers', async () => {
    const s = await subscriber([{ price: PRICES.businessMonthly }]);
    const error = await errorOf(
      s.api.previewChange({ subscriptionId: s.sub.id, items: [{ priceId: PRICES.teamMonthly, quantity: 60 }] }),
    );
    expect(wire(error)).toMatchObject({ reason: ErrorReason.quantityOutOfRange, params: { minimum: 1, maximum: 50 } });
  });

  it('an invalid pause date and mixed intervals say which rule', async () => {
    const s = await subscriber([{ price: PRICES.businessMonthly }]);
    const past = await errorOf(s.api.pause({ ...key(), subscriptionId: s.sub.id, resumesAt: '2001-01-01T00:00:00Z' }));
    expect(wire(past)).toMatchObject({ reason: ErrorReason.invalidResumeDate, detail: 'past' });
    const mixed = await errorOf(
      s.api.previewChange({ subscriptionId: s.sub.id, items: [{ priceId: PRICES.starterYearly }] }),
    );
    expect(wire(mixed)).toMatchObject({ reason: ErrorReason.invalidChange, detail: 'mixed_intervals' });
  });

  it('another customer’s subscription is NOT_FOUND with what was not found', async () => {
    const s = await subscriber([{ price: PRICES.proMonthly }]);
    const other = await subscriber([{ price: PRICES.proMonthly }]);
    const error = await errorOf(s.api.pause({ ...key(), subscriptionId: other.sub.id }));
    expect(wire(error)).toMatchObject({ reason: ErrorReason.notFound, detail: 'subscription' });
  });
});
