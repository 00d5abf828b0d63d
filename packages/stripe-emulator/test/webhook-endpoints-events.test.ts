import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { fakeClock, setup, stripeError } from './helpers.js';

// Issue #17 items 2, 11 and 12: webhook endpoints and the events API as Stripe answers them.
describe('webhook endpoints', () => {
  it('answers api_version null when none is given (events then use the account default)', async () => {
    const { stripe } = setup({ seed: 'none' });
    const endpoint = await stripe.webhookEndpoints.create({
      url: 'https://example.com/hooks',
      enabled_events: ['invoice.paid'],
    });
    expect(endpoint.api_version).toBeNull();
    expect((await stripe.webhookEndpoints.retrieve(endpoint.id)).api_version).toBeNull();
    const pinned = await stripe.webhookEndpoints.create({
      url: 'https://example.com/hooks',
      enabled_events: ['*'],
      api_version: '2026-10-28.endive',
    });
    expect(pinned.api_version).toBe('2026-10-28.endive');
  });

  it('refuses event types Stripe does not have, on create and on update, and changes nothing', async () => {
    const { stripe } = setup({ seed: 'none' });
    const err = await stripeError(() =>
      stripe.webhookEndpoints.create({
        url: 'https://example.com/hooks',
        enabled_events: ['invoice.paid', 'invoice.payed' as Stripe.WebhookEndpointCreateParams.EnabledEvent],
      }),
    );
    expect(err.statusCode).toBe(400);
    expect(err.param).toBe('enabled_events[1]');
    expect(err.message).toContain("'invoice.payed'");
    expect((await stripe.webhookEndpoints.list()).data).toHaveLength(0);

    const endpoint = await stripe.webhookEndpoints.create({ url: 'https://example.com/hooks', enabled_events: ['*'] });
    const upd = await stripeError(() =>
      stripe.webhookEndpoints.update(endpoint.id, {
        enabled_events: ['customer.*' as Stripe.WebhookEndpointUpdateParams.EnabledEvent],
      }),
    );
    expect(upd.param).toBe('enabled_events[0]');
    expect((await stripe.webhookEndpoints.retrieve(endpoint.id)).enabled_events).toEqual(['*']);
    const ok = await stripe.webhookEndpoints.update(endpoint.id, {
      enabled_events: ['customer.subscription.updated', 'invoice_payment.paid', 'customer.tax_id.created'],
    });
    expect(ok.enabled_events).toHaveLength(3);
  });
});

describe('events', () => {
  it('lists and retrieves only the last 30 days of events, as Stripe keeps them', async () => {
    const clock = fakeClock();
    const { stripe } = setup({ seed: 'none', now: clock.now });
    await stripe.customers.create({ email: 'old@example.com' });
    const oldEvent = (await stripe.events.list({ type: 'customer.created' })).data[0]!;
    clock.advance(29 * 86400);
    expect((await stripe.events.list({ type: 'customer.created' })).data.map((e) => e.id)).toEqual([oldEvent.id]);
    clock.advance(2 * 86400);
    await stripe.customers.create({ email: 'new@example.com' });
    const listed = await stripe.events.list({ type: 'customer.created' });
    expect(listed.data).toHaveLength(1);
    expect(listed.data[0]!.id).not.toBe(oldEvent.id);
    const gone = await stripeError(() => stripe.events.retrieve(oldEvent.id));
    expect(gone.statusCode).toBe(404);
    expect(gone.code).toBe('resource_missing');
    expect(gone.message).toBe(`No such event: '${oldEvent.id}'`);
  });

  it('keeps a test clock’s events for 30 days from when they happened, whatever the clock’s frozen time', async () => {
    const { stripe } = setup({ seed: 'none' });
    const yearAgo = Math.floor(Date.now() / 1000) - 365 * 86400;
    const clock = await stripe.testHelpers.testClocks.create({ frozen_time: yearAgo });
    const customer = await stripe.customers.create({ test_clock: clock.id });
    const listed = await stripe.events.list({ type: 'customer.created' });
    expect(listed.data.map((e) => [(e.data.object as { id: string }).id, e.created])).toEqual([[customer.id, yearAgo]]);
    expect((await stripe.events.retrieve(listed.data[0]!.id)).id).toBe(listed.data[0]!.id);
  });
});
