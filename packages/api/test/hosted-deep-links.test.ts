import { describe, expect, it } from 'vitest';
import { errorOf, key, reasonOf } from './fixtures';
import { configWith, PRICES, scheduleDowngradesConfig, subscribe } from './subscription-fixtures';
import { useApiSuite } from './suite';

const { h, f } = useApiSuite();

const RETURN_URL = 'https://app.example.com/billing';

/** A customer on Team (seats 1–50), their portal API under `config`, and the sessions made for them. */
async function teamCustomer(seats: number, config = scheduleDowngradesConfig) {
  const c = await f.newCustomer({ cards: ['pm_card_visa'] });
  const sub = await subscribe(h, c.customer.id, [{ price: PRICES.teamMonthly, quantity: seats }]);
  const api = (await c.caller({ portalConfig: config })).billing.portal;
  const sessions = () => h.emulator.core.store.all('billing_portal.session', (s) => s.customer === c.customer.id);
  const confirm = (item: { priceId?: string; quantity?: number }) =>
    api.hostedSession({
      ...key(),
      returnUrl: RETURN_URL,
      flow: {
        type: 'subscription_update_confirm',
        subscriptionId: sub.id,
        item: { itemId: sub.items.data[0]!.id, ...item },
      },
    });
  return { ...c, sub, api, sessions, confirm };
}

const refusal = async (promise: Promise<unknown>) => {
  const error = await errorOf(promise);
  return [error.code, reasonOf(error) ?? null];
};

describe('issue 15 item 2: hosted-portal deep links pass the in-portal policy before a session is made', () => {
  it('refuses quantities outside 1–50 (0, 51, 1,000,000) and makes no session', async () => {
    const t = await teamCustomer(5);
    for (const quantity of [0, 51, 1_000_000]) expect((await refusal(t.confirm({ quantity })))[0]).toBe('BAD_REQUEST');
    expect(t.sessions()).toHaveLength(0);
    await t.confirm({ quantity: 6 });
    expect(t.sessions()[0]?.flow?.subscription_update_confirm).toMatchObject({ items: [{ quantity: 6 }] });
  });

  it('refuses a quantity on a plan whose seats are not adjustable', async () => {
    const t = await teamCustomer(1);
    expect(await refusal(t.confirm({ priceId: PRICES.proMonthly, quantity: 3 }))).toEqual([
      'FORBIDDEN',
      'FEATURE_DISABLED',
    ]);
    expect(t.sessions()).toHaveLength(0);
  });

  it('refuses a downgrade the configuration books for the period end (the hosted confirm would apply it at once)', async () => {
    const t = await teamCustomer(5);
    expect(await refusal(t.confirm({ quantity: 4 }))).toEqual(['BAD_REQUEST', 'ACTION_UNAVAILABLE']);
    expect(await refusal(t.confirm({ priceId: PRICES.starterMonthly }))).toEqual(['BAD_REQUEST', 'ACTION_UNAVAILABLE']);
    expect(t.sessions()).toHaveLength(0);
  });

  it('applies the state rules: no update while a change is scheduled, no cancel deep link when cancelling is off', async () => {
    const t = await teamCustomer(5);
    await h.stripe.subscriptionSchedules.create({ from_subscription: t.sub.id });
    expect(
      await refusal(
        t.api.hostedSession({
          ...key(),
          returnUrl: RETURN_URL,
          flow: { type: 'subscription_update', subscriptionId: t.sub.id },
        }),
      ),
    ).toEqual(['BAD_REQUEST', 'ACTION_UNAVAILABLE']);
    const noCancel = await teamCustomer(
      2,
      configWith({ subscription_cancel: { enabled: false, mode: 'at_period_end' } }),
    );
    expect(
      (
        await refusal(
          noCancel.api.hostedSession({
            ...key(),
            returnUrl: RETURN_URL,
            flow: { type: 'subscription_cancel', subscriptionId: noCancel.sub.id },
          }),
        )
      )[0],
    ).toBe('FORBIDDEN');
    const noCards = await teamCustomer(2, configWith({ payment_method_update: { enabled: false } }));
    expect(
      await refusal(
        noCards.api.hostedSession({ ...key(), returnUrl: RETURN_URL, flow: { type: 'payment_method_update' } }),
      ),
    ).toEqual(['FORBIDDEN', 'FEATURE_DISABLED']);
    expect([...t.sessions(), ...noCancel.sessions(), ...noCards.sessions()]).toHaveLength(0);
  });
});
