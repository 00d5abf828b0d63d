import { describe, expect, it } from 'vitest';
import { codeOf, errorOf, key, reasonOf } from './fixtures';
import { configWith, PRICES, readOnlyCaller, subscribe } from './subscription-fixtures';
import { useApiSuite } from './suite';

const { h, f } = useApiSuite();

const RETURN_URL = 'https://app.example.com/account/billing';

describe('billing.portal.config', () => {
  it('lists the offered plans with names, amounts and intervals from the catalog', async () => {
    const c = await f.newCustomer();
    const view = await (await c.caller()).billing.portal.config();
    expect(view.products.map((p) => p.name)).toEqual(['Starter', 'Pro', 'Business', 'Team']);
    const team = view.products.find((p) => p.name === 'Team');
    expect(team?.adjustableQuantity).toEqual({ enabled: true, minimum: 1, maximum: 50 });
    expect(team?.prices).toEqual([
      expect.objectContaining({
        id: PRICES.teamMonthly,
        unitAmount: { amount: 1200, currency: 'usd' },
        interval: 'month',
        intervalCount: 1,
      }),
      expect.objectContaining({
        id: PRICES.teamYearly,
        unitAmount: { amount: 12000, currency: 'usd' },
        interval: 'year',
      }),
    ]);
    expect(view.features.subscriptionUpdate).toMatchObject({
      enabled: true,
      allowedUpdates: ['price', 'quantity', 'promotion_code'],
    });
    expect(view.features.subscriptionPause.enabled).toBe(true);
    expect(view.branding.businessName).toBe('Billing');
  });

  it('offers no plans when plan changes are configured off', async () => {
    const c = await f.newCustomer();
    const off = configWith({ subscription_update: { enabled: false, default_allowed_updates: [], products: [] } });
    const view = await (await c.caller({ portalConfig: off })).billing.portal.config();
    expect(view.products).toEqual([]);
    expect(view.features.subscriptionUpdate.enabled).toBe(false);
  });

  it('is UNAUTHORIZED for an anonymous caller', async () => {
    expect(await codeOf((await f.callerAs(null)).billing.portal.config())).toBe('UNAUTHORIZED');
  });
});

describe('billing.portal.hostedSession', () => {
  it('opens a Stripe portal session for the viewer that returns to an allowed URL', async () => {
    const c = await f.newCustomer({ cards: ['pm_card_visa'] });
    const { url } = await (await c.caller()).billing.portal.hostedSession({ ...key(), returnUrl: RETURN_URL });
    expect(url).toMatch(/^https?:\/\//);
    const sessions = h.emulator.core.store.all('billing_portal.session', (s) => s.customer === c.customer.id);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.return_url).toBe(RETURN_URL);
  });

  it("deep-links into cancelling one of the viewer's subscriptions", async () => {
    const c = await f.newCustomer({ cards: ['pm_card_visa'] });
    const sub = await subscribe(h, c.customer.id, [{ price: PRICES.proMonthly }]);
    await (
      await c.caller()
    ).billing.portal.hostedSession({
      ...key(),
      returnUrl: RETURN_URL,
      flow: { type: 'subscription_cancel', subscriptionId: sub.id },
    });
    const [session] = h.emulator.core.store.all('billing_portal.session', (s) => s.customer === c.customer.id);
    expect(session?.flow).toMatchObject({ type: 'subscription_cancel', subscription_cancel: { subscription: sub.id } });
  });

  it("deep-links into confirming a plan change only with an offered price on the viewer's item", async () => {
    const c = await f.newCustomer({ cards: ['pm_card_visa'] });
    const sub = await subscribe(h, c.customer.id, [{ price: PRICES.starterMonthly }]);
    const itemId = sub.items.data[0]!.id;
    const api = (await c.caller()).billing.portal;
    const flow = (priceId: string) => ({
      type: 'subscription_update_confirm' as const,
      subscriptionId: sub.id,
      item: { itemId, priceId },
    });
    expect(
      await codeOf(api.hostedSession({ ...key(), returnUrl: RETURN_URL, flow: flow(PRICES.supportMonthly) })),
    ).toBe('NOT_FOUND');
    await api.hostedSession({ ...key(), returnUrl: RETURN_URL, flow: flow(PRICES.proMonthly) });
    const [session] = h.emulator.core.store.all('billing_portal.session', (s) => s.customer === c.customer.id);
    expect(session?.flow?.subscription_update_confirm).toMatchObject({
      subscription: sub.id,
      items: [{ id: itemId, price: PRICES.proMonthly }],
    });
  });

  it('is BAD_REQUEST for a return URL off the allow-list, including look-alike hosts', async () => {
    const c = await f.newCustomer();
    const api = (await c.caller()).billing.portal;
    for (const returnUrl of [
      'https://evil.example.net/billing',
      'https://app.example.com.evil.test/',
      'https://app.example.com@evil.test/',
    ]) {
      const error = await errorOf(api.hostedSession({ ...key(), returnUrl }));
      expect(error.code).toBe('BAD_REQUEST');
      expect(reasonOf(error)).toBe('RETURN_URL_NOT_ALLOWED');
    }
  });

  it("is NOT_FOUND for a deep link into another customer's subscription", async () => {
    const victim = await f.newCustomer({ cards: ['pm_card_visa'] });
    const sub = await subscribe(h, victim.customer.id, [{ price: PRICES.proMonthly }]);
    const attacker = await f.newCustomer();
    const call = (await attacker.caller()).billing.portal.hostedSession({
      ...key(),
      returnUrl: RETURN_URL,
      flow: { type: 'subscription_update', subscriptionId: sub.id },
    });
    expect(await codeOf(call)).toBe('NOT_FOUND');
  });

  it('is FORBIDDEN for a read-only viewer and UNAUTHORIZED for an anonymous one', async () => {
    const c = await f.newCustomer();
    expect(
      await codeOf(readOnlyCaller(h, c.customer.id).billing.portal.hostedSession({ ...key(), returnUrl: RETURN_URL })),
    ).toBe('FORBIDDEN');
    expect(
      await codeOf((await f.callerAs(null)).billing.portal.hostedSession({ ...key(), returnUrl: RETURN_URL })),
    ).toBe('UNAUTHORIZED');
  });
});
