import { describe, expect, it } from 'vitest';
import { codeOf, errorOf, key, reasonOf } from './fixtures';
import { configWith, PRICES, readOnlyCaller, subscribe } from './subscription-fixtures';
import { useApiSuite } from './suite';

const { h, f } = useApiSuite();

const cancelAtEnd = {
  enabled: true,
  mode: 'at_period_end',
  cancellation_reason: { enabled: true, options: ['too_expensive', 'unused', 'other'] },
};
const atPeriodEndConfig = configWith({ subscription_cancel: cancelAtEnd });
const immediateConfig = configWith({ subscription_cancel: { ...cancelAtEnd, mode: 'immediately' } });
const noCancelConfig = configWith({
  subscription_cancel: { ...cancelAtEnd, enabled: false },
  subscription_pause: { enabled: false },
});
const withOffer = (retention: unknown) => configWith({ subscription_cancel: { ...cancelAtEnd, retention } });

async function subscriber(portalConfig = atPeriodEndConfig, price: string = PRICES.proMonthly) {
  const c = await f.newCustomer({ cards: ['pm_card_visa'] });
  const sub = await subscribe(h, c.customer.id, [{ price }]);
  return { ...c, sub, api: (await c.caller({ portalConfig })).billing.subscription };
}

describe('cancel and reactivate', () => {
  it('cancels at the period end with the reason and comment kept in Stripe, then reactivates', async () => {
    const s = await subscriber();
    const view = await s.api.cancel({
      ...key(),
      subscriptionId: s.sub.id,
      reason: 'too_expensive',
      comment: 'Budget cuts',
    });
    expect(view).toMatchObject({ status: 'active', cancelAtPeriodEnd: true });
    expect(view.actions?.reactivate).toEqual({ allowed: true, reason: null });
    expect(view.actions?.cancel).toEqual({ allowed: false, reason: 'already_canceling' });
    const stored = await h.stripe.subscriptions.retrieve(s.sub.id);
    expect(stored.cancellation_details).toMatchObject({ feedback: 'too_expensive', comment: 'Budget cuts' });

    const back = await s.api.reactivate({ ...key(), subscriptionId: s.sub.id });
    expect(back).toMatchObject({ cancelAtPeriodEnd: false, cancelAt: null });
    expect((await h.stripe.subscriptions.retrieve(s.sub.id)).cancel_at_period_end).toBe(false);
  });

  it('cancels at once when the configuration says immediately', async () => {
    const s = await subscriber(immediateConfig);
    const view = await s.api.cancel({ ...key(), subscriptionId: s.sub.id, reason: 'unused' });
    expect(view.status).toBe('canceled');
    expect((await h.stripe.subscriptions.retrieve(s.sub.id)).status).toBe('canceled');
  });

  it('refuses a reason the survey does not offer', async () => {
    const s = await subscriber();
    expect(await codeOf(s.api.cancel({ ...key(), subscriptionId: s.sub.id, reason: 'low_quality' }))).toBe(
      'BAD_REQUEST',
    );
  });

  it('refuses to reactivate a subscription that is not set to cancel', async () => {
    const s = await subscriber();
    const error = await errorOf(s.api.reactivate({ ...key(), subscriptionId: s.sub.id }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(reasonOf(error)).toBe('ACTION_UNAVAILABLE');
  });
});

describe('pause and resume', () => {
  it('pauses collection until a date, and resumes on request', async () => {
    const s = await subscriber();
    const resumesAt = new Date(Date.now() + 30 * 86_400_000);
    const paused = await s.api.pause({ ...key(), subscriptionId: s.sub.id, resumesAt: resumesAt.toISOString() });
    expect(paused.pauseCollection).toEqual({
      behavior: 'void',
      resumesAt: new Date(Math.floor(resumesAt.getTime() / 1000) * 1000).toISOString(),
    });
    expect(paused.actions?.resume.allowed).toBe(true);
    expect((await h.stripe.subscriptions.retrieve(s.sub.id)).pause_collection?.behavior).toBe('void');
    const resumed = await s.api.resume({ ...key(), subscriptionId: s.sub.id });
    expect(resumed.pauseCollection).toBeNull();
    expect((await h.stripe.subscriptions.retrieve(s.sub.id)).pause_collection).toBeNull();
  });

  it('refuses a resume date in the past', async () => {
    const s = await subscriber();
    const error = await errorOf(
      s.api.pause({ ...key(), subscriptionId: s.sub.id, resumesAt: new Date(Date.now() - 86_400_000).toISOString() }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/future/);
  });
});

describe('retention offers', () => {
  it('offers a pause instead of cancelling, and accepting it pauses collection', async () => {
    const s = await subscriber(withOffer({ type: 'pause', months: 2 }));
    const { offer } = await s.api.retentionOffer({ subscriptionId: s.sub.id });
    expect(offer).toMatchObject({ type: 'pause', headline: null, months: 2 });
    const view = await s.api.acceptRetentionOffer({ ...key(), subscriptionId: s.sub.id });
    expect(view.pauseCollection?.resumesAt).toBe(offer?.resumesAt?.replace(/\.\d{3}Z$/, '.000Z'));
    // An offer is taken once per subscription.
    expect((await s.api.retentionOffer({ subscriptionId: s.sub.id })).offer).toBeNull();
  });

  it('offers a cheaper plan that starts next period, with no charge today', async () => {
    const s = await subscriber(withOffer({ type: 'cheaper_plan', price: PRICES.starterMonthly }));
    const { offer } = await s.api.retentionOffer({ subscriptionId: s.sub.id });
    expect(offer?.plan).toMatchObject({
      priceId: PRICES.starterMonthly,
      productName: 'Starter',
      unitAmount: { amount: 900, currency: 'usd' },
    });
    const before = (await h.stripe.invoices.list({ customer: s.customer.id })).data.length;
    const view = await s.api.acceptRetentionOffer({ ...key(), subscriptionId: s.sub.id });
    expect(view.items[0]?.priceId).toBe(PRICES.starterMonthly);
    expect((await h.stripe.invoices.list({ customer: s.customer.id })).data).toHaveLength(before);
  });

  it('offers a coupon and applies it to the subscription', async () => {
    const coupon = await h.stripe.coupons.create({ percent_off: 25, duration: 'repeating', duration_in_months: 3 });
    const s = await subscriber(withOffer({ type: 'coupon', coupon: coupon.id }));
    const { offer } = await s.api.retentionOffer({ subscriptionId: s.sub.id });
    expect(offer).toMatchObject({
      type: 'coupon',
      headline: null,
      coupon: { id: coupon.id, percentOff: 25, duration: 'repeating', durationInMonths: 3 },
    });
    const view = await s.api.acceptRetentionOffer({ ...key(), subscriptionId: s.sub.id });
    expect(view.discounts[0]).toMatchObject({ percentOff: 25, duration: 'repeating' });
  });

  it('has no offer when none is configured, and accepting one then fails', async () => {
    const s = await subscriber();
    expect((await s.api.retentionOffer({ subscriptionId: s.sub.id })).offer).toBeNull();
    expect(await codeOf(s.api.acceptRetentionOffer({ ...key(), subscriptionId: s.sub.id }))).toBe('BAD_REQUEST');
  });
});

describe('refusals', () => {
  it('is UNAUTHORIZED for an anonymous caller', async () => {
    const s = await subscriber();
    const anon = (await f.callerAs(null)).billing.subscription;
    expect(await codeOf(anon.cancel({ ...key(), subscriptionId: s.sub.id }))).toBe('UNAUTHORIZED');
    expect(await codeOf(anon.retentionOffer({ subscriptionId: s.sub.id }))).toBe('UNAUTHORIZED');
    expect(await codeOf(anon.pause({ ...key(), subscriptionId: s.sub.id }))).toBe('UNAUTHORIZED');
  });

  it("is NOT_FOUND for another customer's subscription on every procedure", async () => {
    const victim = await subscriber();
    const attacker = await subscriber(withOffer({ type: 'pause', months: 1 }));
    const id = { subscriptionId: victim.sub.id };
    for (const call of [
      attacker.api.cancel({ ...key(), ...id }),
      attacker.api.reactivate({ ...key(), ...id }),
      attacker.api.pause({ ...key(), ...id }),
      attacker.api.resume({ ...key(), ...id }),
      attacker.api.retentionOffer(id),
      attacker.api.acceptRetentionOffer({ ...key(), ...id }),
      attacker.api.cancelScheduledChange({ ...key(), ...id }),
    ])
      expect(await codeOf(call)).toBe('NOT_FOUND');
    const untouched = await h.stripe.subscriptions.retrieve(victim.sub.id);
    expect(untouched).toMatchObject({ cancel_at_period_end: false, pause_collection: null, status: 'active' });
  });

  it('is FORBIDDEN for a read-only viewer on every mutation', async () => {
    const s = await subscriber();
    const ro = readOnlyCaller(h, s.customer.id).billing.subscription;
    const id = { subscriptionId: s.sub.id };
    for (const call of [
      ro.cancel({ ...key(), ...id }),
      ro.reactivate({ ...key(), ...id }),
      ro.pause({ ...key(), ...id }),
      ro.resume({ ...key(), ...id }),
      ro.acceptRetentionOffer({ ...key(), ...id }),
      ro.cancelScheduledChange({ ...key(), ...id }),
    ])
      expect(await codeOf(call)).toBe('FORBIDDEN');
    expect((await h.stripe.subscriptions.retrieve(s.sub.id)).cancel_at_period_end).toBe(false);
  });

  it('is FORBIDDEN with FEATURE_DISABLED when cancelling or pausing is configured off', async () => {
    const s = await subscriber(noCancelConfig);
    for (const call of [
      s.api.cancel({ ...key(), subscriptionId: s.sub.id }),
      s.api.pause({ ...key(), subscriptionId: s.sub.id }),
    ]) {
      const error = await errorOf(call);
      expect(error.code).toBe('FORBIDDEN');
      expect(reasonOf(error)).toBe('FEATURE_DISABLED');
    }
  });
});
