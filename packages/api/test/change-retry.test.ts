import { describe, expect, it } from 'vitest';
import { codeOf, key } from './fixtures';
import { billNowConfig, PRICES, subscribe } from './subscription-fixtures';
import { useApiSuite } from './suite';

const { h, f } = useApiSuite();

describe('retrying a plan change whose first answer was lost', () => {
  it('answers the retry (same key) with the changed plan, charging once', async () => {
    const c = await f.newCustomer({ cards: ['pm_card_visa'] });
    const sub = await subscribe(h, c.customer.id, [{ price: PRICES.starterMonthly }]);
    const api = (await c.caller({ portalConfig: billNowConfig })).billing.subscription;
    const items = [{ itemId: sub.items.data[0]!.id, priceId: PRICES.proMonthly }];
    const preview = await api.previewChange({ subscriptionId: sub.id, items });
    const intent = { ...key(), subscriptionId: sub.id, items, prorationDate: preview.prorationDate };

    const first = await api.change(intent);
    const retry = await api.change(intent);
    expect(retry.subscription.items[0]?.priceId).toBe(PRICES.proMonthly);
    expect(retry.subscription.id).toBe(first.subscription.id);
    const invoices = await h.stripe.invoices.list({ customer: c.customer.id, limit: 100 });
    expect(
      invoices.data.filter((i) => i.total === first.invoice?.total.amount && i.id === first.invoice?.id),
    ).toHaveLength(1);
    expect(invoices.data).toHaveLength(2); // the first period's invoice and the one proration invoice
  });

  it('still refuses the same change under a new key as nothing to change', async () => {
    const c = await f.newCustomer({ cards: ['pm_card_visa'] });
    const sub = await subscribe(h, c.customer.id, [{ price: PRICES.proMonthly }]);
    const api = (await c.caller({ portalConfig: billNowConfig })).billing.subscription;
    const items = [{ itemId: sub.items.data[0]!.id, priceId: PRICES.proMonthly }];
    expect(
      await codeOf(
        api.change({ ...key(), subscriptionId: sub.id, items, prorationDate: Math.floor(Date.now() / 1000) }),
      ),
    ).toBe('BAD_REQUEST');
  });
});
