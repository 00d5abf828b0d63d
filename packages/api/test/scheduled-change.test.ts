import { describe, expect, it } from 'vitest';
import { codeOf, errorOf, key, reasonOf } from './fixtures';
import { PRICES, readOnlyCaller, scheduleDowngradesConfig, subscribe } from './subscription-fixtures';
import { useApiSuite } from './suite';

const { h, f } = useApiSuite();

async function subscriber(price: string = PRICES.proMonthly) {
  const c = await f.newCustomer({ cards: ['pm_card_visa'] });
  const sub = await subscribe(h, c.customer.id, [{ price }]);
  return {
    ...c,
    sub,
    itemId: sub.items.data[0]!.id,
    api: (await c.caller({ portalConfig: scheduleDowngradesConfig })).billing.subscription,
  };
}

describe('downgrades wait for the period end when the configuration says so', () => {
  it('previews a downgrade as free today and cheaper from the period end, then books it', async () => {
    const s = await subscriber();
    const items = [{ itemId: s.itemId, priceId: PRICES.starterMonthly }];
    const preview = await s.api.previewChange({ subscriptionId: s.sub.id, items });
    const periodEnd = new Date(s.sub.items.data[0]!.current_period_end * 1000).toISOString();
    expect(preview).toMatchObject({
      timing: 'period_end',
      effectiveAt: periodEnd,
      dueToday: { amount: 0 },
      nextInvoice: { date: periodEnd, amount: { amount: 900, currency: 'usd' } },
    });

    const invoicesBefore = (await h.stripe.invoices.list({ customer: s.customer.id })).data.length;
    const result = await s.api.change({
      ...key(),
      subscriptionId: s.sub.id,
      items,
      prorationDate: preview.prorationDate,
    });
    expect(result.timing).toBe('period_end');
    expect(result.invoice).toBeNull();
    // Still on Pro today, Starter booked for the period end; nothing charged.
    expect(result.subscription.items[0]?.priceId).toBe(PRICES.proMonthly);
    expect(result.subscription.scheduledChange).toMatchObject({
      effectiveAt: periodEnd,
      items: [{ priceId: PRICES.starterMonthly, productName: 'Starter', quantity: 1 }],
    });
    expect(result.subscription.actions?.change).toEqual({ allowed: false, reason: 'scheduled_change_pending' });
    expect((await h.stripe.invoices.list({ customer: s.customer.id })).data).toHaveLength(invoicesBefore);
    const schedule = await h.stripe.subscriptionSchedules.retrieve(result.subscription.scheduledChange!.scheduleId);
    expect(schedule.end_behavior).toBe('release');

    const overview = await (await s.caller({ portalConfig: scheduleDowngradesConfig })).billing.overview();
    expect(overview.subscriptions[0]?.scheduledChange?.items[0]?.priceId).toBe(PRICES.starterMonthly);
  });

  it('books a switch from yearly to monthly for the end of the year', async () => {
    const s = await subscriber(PRICES.proYearly);
    const preview = await s.api.previewChange({
      subscriptionId: s.sub.id,
      items: [{ itemId: s.itemId, priceId: PRICES.proMonthly }],
    });
    expect(preview.timing).toBe('period_end');
  });

  it('still applies an upgrade at once', async () => {
    const s = await subscriber(PRICES.starterMonthly);
    const preview = await s.api.previewChange({
      subscriptionId: s.sub.id,
      items: [{ itemId: s.itemId, priceId: PRICES.businessMonthly }],
    });
    expect(preview.timing).toBe('now');
    expect(preview.dueToday.amount).toBeGreaterThan(8990);
  });

  it('undoes a scheduled change, leaving the subscription as it is', async () => {
    const s = await subscriber();
    const items = [{ itemId: s.itemId, priceId: PRICES.starterMonthly }];
    const preview = await s.api.previewChange({ subscriptionId: s.sub.id, items });
    await s.api.change({ ...key(), subscriptionId: s.sub.id, items, prorationDate: preview.prorationDate });
    expect(
      await codeOf(
        readOnlyCaller(h, s.customer.id).billing.subscription.cancelScheduledChange({
          ...key(),
          subscriptionId: s.sub.id,
        }),
      ),
    ).toBe('FORBIDDEN');
    const view = await s.api.cancelScheduledChange({ ...key(), subscriptionId: s.sub.id });
    expect(view.scheduledChange).toBeNull();
    expect(view.items[0]?.priceId).toBe(PRICES.proMonthly);
    expect(view.actions?.change.allowed).toBe(true);
    expect((await h.stripe.subscriptions.retrieve(s.sub.id)).schedule).toBeNull();
  });

  it('has nothing to undo without a scheduled change', async () => {
    const s = await subscriber();
    const error = await errorOf(s.api.cancelScheduledChange({ ...key(), subscriptionId: s.sub.id }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(reasonOf(error)).toBe('ACTION_UNAVAILABLE');
  });

  it('releases a booked downgrade when the customer cancels', async () => {
    const s = await subscriber();
    const items = [{ itemId: s.itemId, priceId: PRICES.starterMonthly }];
    const preview = await s.api.previewChange({ subscriptionId: s.sub.id, items });
    await s.api.change({ ...key(), subscriptionId: s.sub.id, items, prorationDate: preview.prorationDate });
    const view = await s.api.cancel({ ...key(), subscriptionId: s.sub.id, reason: 'unused' });
    expect(view).toMatchObject({ cancelAtPeriodEnd: true, scheduledChange: null });
  });
});
