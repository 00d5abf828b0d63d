import { DEMO } from '@portal/stripe-emulator';
import { describe, expect, it } from 'vitest';
import { testPortalConfig } from './harness';
import { codeOf, errorOf, key, reasonOf } from './fixtures';
import { useApiSuite } from './suite';

const { h, f } = useApiSuite();

const noCardUpdates = {
  ...testPortalConfig,
  default: {
    ...testPortalConfig.default,
    features: { ...testPortalConfig.default.features, payment_method_update: { enabled: false } },
  },
};

describe('billing.paymentMethods.list', () => {
  it('shows brand, last digits, expiry and which card is the default', async () => {
    const { caller, cards } = await f.newCustomer({ cards: ['pm_card_visa', 'pm_card_mastercard'] });
    const { paymentMethods } = await (await caller()).billing.paymentMethods.list();
    expect(paymentMethods).toHaveLength(2);
    const visa = paymentMethods.find((p) => p.id === cards[0]!.id);
    const mastercard = paymentMethods.find((p) => p.id === cards[1]!.id);
    expect(visa).toMatchObject({
      brand: 'visa',
      last4: '4242',
      isDefault: true,
      expired: false,
      expMonth: cards[0]!.card!.exp_month,
      expYear: cards[0]!.card!.exp_year,
    });
    expect(mastercard).toMatchObject({ brand: 'mastercard', last4: '4444', isDefault: false });
  });

  it('is UNAUTHORIZED for an anonymous caller', async () => {
    expect(await codeOf((await f.callerAs(null)).billing.paymentMethods.list())).toBe('UNAUTHORIZED');
  });

  it("shows a support agent viewing as the customer that customer's cards only", async () => {
    const { customer } = await f.newCustomer({ cards: ['pm_card_visa'] });
    const agent = await f.supportAgent();
    const { caller } = await agent.viewAs(customer.id);
    const { paymentMethods } = await caller.billing.paymentMethods.list();
    expect(paymentMethods.map((p) => p.last4)).toEqual(['4242']);
  });
});

describe('billing.paymentMethods.createSetupIntent', () => {
  it("returns a client secret for an off-session SetupIntent on the viewer's customer and the publishable key", async () => {
    const { caller, customer } = await f.newCustomer();
    const out = await (await caller()).billing.paymentMethods.createSetupIntent(key());
    expect(out.publishableKey).toBe('pk_test_api');
    const intentId = out.clientSecret.split('_secret_')[0]!;
    const intent = await h.stripe.setupIntents.retrieve(intentId);
    expect(intent).toMatchObject({ customer: customer.id, usage: 'off_session' });
  });

  it('is FORBIDDEN with FEATURE_DISABLED when the configuration turns payment method updates off', async () => {
    const { caller } = await f.newCustomer();
    const error = await errorOf(
      (await caller({ portalConfig: noCardUpdates })).billing.paymentMethods.createSetupIntent(key()),
    );
    expect(error.code).toBe('FORBIDDEN');
    expect(reasonOf(error)).toBe('FEATURE_DISABLED');
  });

  it('is refused to a read-only support view', async () => {
    const { customer } = await f.newCustomer();
    const { caller } = await (await f.supportAgent()).viewAs(customer.id);
    const error = await errorOf(caller.billing.paymentMethods.createSetupIntent(key()));
    expect(error.code).toBe('FORBIDDEN');
    expect(reasonOf(error)).toBe('READ_ONLY_VIEW');
  });
});

describe('billing.paymentMethods.setDefault', () => {
  it('makes another of the customer’s cards the default for invoices', async () => {
    const { caller, cards, customer } = await f.newCustomer({ cards: ['pm_card_visa', 'pm_card_mastercard'] });
    const { paymentMethods } = await (
      await caller()
    ).billing.paymentMethods.setDefault({ ...key(), paymentMethodId: cards[1]!.id });
    expect(paymentMethods.find((p) => p.isDefault)?.id).toBe(cards[1]!.id);
    const fresh = await h.stripe.customers.retrieve(customer.id);
    expect('deleted' in fresh ? null : fresh.invoice_settings.default_payment_method).toBe(cards[1]!.id);
  });

  it("answers NOT_FOUND for another customer's card exactly like a missing one, and changes nothing", async () => {
    const mine = await f.newCustomer({ cards: ['pm_card_visa'] });
    const other = await f.newCustomer({ cards: ['pm_card_mastercard'] });
    const caller = await mine.caller();
    const foreign = await errorOf(
      caller.billing.paymentMethods.setDefault({ ...key(), paymentMethodId: other.cards[0]!.id }),
    );
    const missing = await errorOf(
      caller.billing.paymentMethods.setDefault({ ...key(), paymentMethodId: 'pm_doesnotexist123' }),
    );
    expect(foreign.code).toBe('NOT_FOUND');
    expect(foreign.message).toBe(missing.message);
    const fresh = await h.stripe.customers.retrieve(mine.customer.id);
    expect('deleted' in fresh ? null : fresh.invoice_settings.default_payment_method).toBe(mine.cards[0]!.id);
  });
});

describe('billing.paymentMethods.remove', () => {
  it('detaches a card and promotes another usable card when the default goes', async () => {
    const { caller, cards, customer } = await f.newCustomer({
      cards: ['pm_card_visa', 'pm_card_mastercard'],
      subscribe: true,
    });
    const { paymentMethods } = await (
      await caller()
    ).billing.paymentMethods.remove({ ...key(), paymentMethodId: cards[0]!.id });
    expect(paymentMethods.map((p) => p.id)).toEqual([cards[1]!.id]);
    expect(paymentMethods[0]!.isDefault).toBe(true);
    expect((await h.stripe.paymentMethods.retrieve(cards[0]!.id)).customer).toBeNull();
    const fresh = await h.stripe.customers.retrieve(customer.id);
    expect('deleted' in fresh ? null : fresh.invoice_settings.default_payment_method).toBe(cards[1]!.id);
  });

  it('refuses to remove the last card while a subscription charges it automatically, with a clear message', async () => {
    const { caller, cards } = await f.newCustomer({ cards: ['pm_card_visa'], subscribe: true });
    const error = await errorOf(
      (await caller()).billing.paymentMethods.remove({ ...key(), paymentMethodId: cards[0]!.id }),
    );
    expect(error.code).toBe('PRECONDITION_FAILED');
    expect(reasonOf(error)).toBe('LAST_PAYMENT_METHOD');
    expect(error.message).toMatch(/Add another card first/);
    expect((await h.stripe.paymentMethods.retrieve(cards[0]!.id)).customer).not.toBeNull();
  });

  it('counts an expired card as unusable: it is flagged, and cannot stand in for the last good one', async () => {
    const { caller, cards } = await f.newCustomer({ cards: ['pm_card_visa', 'pm_card_mastercard'], subscribe: true });
    await h.stripe.paymentMethods.update(cards[1]!.id, { card: { exp_month: 1, exp_year: 2021 } });
    const c = await caller();
    expect((await c.billing.paymentMethods.list()).paymentMethods.find((p) => p.id === cards[1]!.id)?.expired).toBe(
      true,
    );
    const error = await errorOf(c.billing.paymentMethods.remove({ ...key(), paymentMethodId: cards[0]!.id }));
    expect(reasonOf(error)).toBe('LAST_PAYMENT_METHOD');
    // The expired one itself may go.
    expect(
      (await c.billing.paymentMethods.remove({ ...key(), paymentMethodId: cards[1]!.id })).paymentMethods.map(
        (p) => p.id,
      ),
    ).toEqual([cards[0]!.id]);
  });

  it('removes the last card when nothing charges it', async () => {
    const { caller, cards } = await f.newCustomer({ cards: ['pm_card_visa'] });
    const { paymentMethods } = await (
      await caller()
    ).billing.paymentMethods.remove({ ...key(), paymentMethodId: cards[0]!.id });
    expect(paymentMethods).toEqual([]);
  });

  it("cannot detach another customer's card (NOT_FOUND) nor the demo customer's", async () => {
    const { caller } = await f.newCustomer({ cards: ['pm_card_visa'] });
    expect(
      await codeOf(
        (await caller()).billing.paymentMethods.remove({ ...key(), paymentMethodId: DEMO.paymentMethods.activeVisa }),
      ),
    ).toBe('NOT_FOUND');
    expect((await h.stripe.paymentMethods.retrieve(DEMO.paymentMethods.activeVisa)).customer).toBe(
      DEMO.customers.active,
    );
  });

  it('is FORBIDDEN for a read-only view and leaves the card attached', async () => {
    const { customer, cards } = await f.newCustomer({ cards: ['pm_card_visa', 'pm_card_mastercard'] });
    const { caller } = await (await f.supportAgent()).viewAs(customer.id);
    expect(await codeOf(caller.billing.paymentMethods.remove({ ...key(), paymentMethodId: cards[1]!.id }))).toBe(
      'FORBIDDEN',
    );
    expect((await h.stripe.paymentMethods.retrieve(cards[1]!.id)).customer).toBe(customer.id);
  });

  it('is FORBIDDEN with FEATURE_DISABLED when payment method updates are off', async () => {
    const { caller, cards } = await f.newCustomer({ cards: ['pm_card_visa', 'pm_card_mastercard'] });
    const error = await errorOf(
      (await caller({ portalConfig: noCardUpdates })).billing.paymentMethods.remove({
        ...key(),
        paymentMethodId: cards[1]!.id,
      }),
    );
    expect([error.code, reasonOf(error)]).toEqual(['FORBIDDEN', 'FEATURE_DISABLED']);
  });
});
