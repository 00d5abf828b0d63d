import Stripe from 'stripe';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmulator, DEMO } from '../src/index.js';
import { customerWithCard, fakeClock, setup, stripeError, validatingHttpClient } from './helpers.js';

describe('products and prices', () => {
  it('creates products and recurring prices and lists them with filters', async () => {
    const { stripe } = setup({ seed: 'none' });
    const product = await stripe.products.create({ name: 'Gold', metadata: { tier: 'gold' } });
    expect(product).toMatchObject({
      object: 'product',
      name: 'Gold',
      active: true,
      default_price: null,
      description: null,
      images: [],
      url: null,
    });
    const monthly = await stripe.prices.create({
      product: product.id,
      currency: 'usd',
      unit_amount: 1500,
      recurring: { interval: 'month' },
    });
    const yearly = await stripe.prices.create({
      product: product.id,
      currency: 'USD',
      unit_amount: 15000,
      recurring: { interval: 'year' },
    });
    expect(monthly).toMatchObject({
      object: 'price',
      type: 'recurring',
      billing_scheme: 'per_unit',
      currency: 'usd',
      unit_amount: 1500,
      recurring: { interval: 'month', interval_count: 1, usage_type: 'licensed', meter: null, trial_period_days: null },
      tiers_mode: null,
    });
    // The SDK turns decimal strings into its Decimal type.
    expect(String(monthly.unit_amount_decimal)).toBe('1500');
    expect(yearly.currency).toBe('usd');
    const expanded = await stripe.prices.retrieve(monthly.id, { expand: ['product'] });
    expect((expanded.product as Stripe.Product).name).toBe('Gold');

    const yearlies = await stripe.prices.list({ product: product.id, recurring: { interval: 'year' } });
    expect(yearlies.data.map((p) => p.id)).toEqual([yearly.id]);
    const withProducts = await stripe.prices.list({ expand: ['data.product'] });
    expect(withProducts.data.every((p) => typeof p.product === 'object')).toBe(true);

    const missing = await stripeError(() =>
      stripe.prices.create({ product: 'prod_missing', currency: 'usd', unit_amount: 1 }),
    );
    expect(missing.statusCode).toBe(400);
    expect(missing.param).toBe('product');
  });

  it('seeds a stable demo catalog', async () => {
    const { stripe } = setup();
    const pro = await stripe.products.retrieve(DEMO.products.pro);
    expect(pro.name).toBe('Pro');
    expect(pro.default_price).toBe(DEMO.prices.proMonthly);
    const price = await stripe.prices.retrieve(DEMO.prices.proYearly);
    expect(price).toMatchObject({ product: DEMO.products.pro, unit_amount: 29000, recurring: { interval: 'year' } });
    const team = await stripe.prices.retrieve(DEMO.prices.teamMonthly);
    expect(team.unit_amount).toBe(1200);
    const products = await stripe.products.list({ limit: 100 });
    expect(products.data.map((p) => p.id).sort()).toEqual(Object.values(DEMO.products).sort());
  });
});

describe('subscriptions', () => {
  it('creates an active subscription whose items carry the billing period', async () => {
    const clock = fakeClock('2026-01-31T10:00:00Z');
    const { stripe } = setup({ seed: 'none', now: clock.now });
    const product = await stripe.products.create({ name: 'Seats' });
    const price = await stripe.prices.create({
      product: product.id,
      currency: 'usd',
      unit_amount: 1000,
      recurring: { interval: 'month' },
    });
    const { customer } = await customerWithCard(stripe);
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: price.id, quantity: 3 }],
      metadata: { source: 'test' },
      expand: ['customer'],
    });
    const start = Date.parse('2026-01-31T10:00:00Z') / 1000;
    expect(sub.object).toBe('subscription');
    expect(sub.status).toBe('active');
    expect((sub.customer as Stripe.Customer).id).toBe(customer.id);
    expect(sub.start_date).toBe(start);
    expect(sub.billing_cycle_anchor).toBe(start);
    expect(sub.cancel_at_period_end).toBe(false);
    expect(sub.items.object).toBe('list');
    const item = sub.items.data[0]!;
    expect(item.object).toBe('subscription_item');
    expect(item.quantity).toBe(3);
    expect(item.price.id).toBe(price.id);
    expect(item.plan.object).toBe('plan');
    expect(item.plan.amount).toBe(1000);
    expect(item.current_period_start).toBe(start);
    // Jan 31 + 1 month is clamped to Feb 28.
    expect(item.current_period_end).toBe(Date.parse('2026-02-28T10:00:00Z') / 1000);
    expect(sub.metadata).toEqual({ source: 'test' });
  });

  it('lists subscriptions by customer and status, hiding canceled ones by default', async () => {
    const { stripe } = setup();
    const mine = await stripe.subscriptions.list({ customer: DEMO.customers.active });
    expect(mine.data.map((s) => s.id)).toEqual([DEMO.subscriptions.active]);
    const all: string[] = [];
    for await (const s of stripe.subscriptions.list({ customer: DEMO.customers.active, status: 'all', limit: 1 }))
      all.push(s.id);
    expect(all).toEqual([DEMO.subscriptions.active]);
    const trialing = await stripe.subscriptions.list({ status: 'trialing', customer: DEMO.customers.active });
    expect(trialing.data).toHaveLength(0);
    const expanded = await stripe.subscriptions.retrieve(DEMO.subscriptions.active, {
      expand: ['items.data.price.product', 'default_payment_method'],
    });
    const product = expanded.items.data[0]!.price.product as Stripe.Product;
    expect(product.id).toBe(DEMO.products.pro);
    expect(expanded.items.data[0]!.quantity).toBe(1);
    expect(expanded.status).toBe('active');

    const tooDeep = await stripeError(() => stripe.subscriptions.list({ expand: ['data.items.data.price.product'] }));
    expect(tooDeep.statusCode).toBe(400);
    expect(tooDeep.message).toMatch(/more than 4 levels/);
    const notExpandable = await stripeError(() =>
      stripe.subscriptions.retrieve(DEMO.subscriptions.active, { expand: ['status'] }),
    );
    expect(notExpandable.statusCode).toBe(400);
  });

  it('starts a trial with trial_period_days', async () => {
    const clock = fakeClock();
    const { stripe } = setup({ now: clock.now });
    const customer = await stripe.customers.create({ email: 't@example.com' });
    const sub = await stripe.subscriptions.create({
      customer: customer.id,
      items: [{ price: DEMO.prices.starterMonthly }],
      trial_period_days: 14,
    });
    const now = clock.now() / 1000;
    expect(sub.status).toBe('trialing');
    expect(sub.trial_start).toBe(now);
    expect(sub.trial_end).toBe(now + 14 * 86400);
    expect(sub.items.data[0]!.current_period_end).toBe(now + 14 * 86400);
  });

  it('validates subscription params', async () => {
    const { stripe } = setup();
    const noCustomer = await stripeError(() =>
      stripe.subscriptions.create({ items: [{ price: DEMO.prices.proMonthly }] }),
    );
    expect(noCustomer.code).toBe('parameter_missing');
    expect(noCustomer.param).toBe('customer');
    const badPrice = await stripeError(() =>
      stripe.subscriptions.create({ customer: DEMO.customers.active, items: [{ price: 'price_nope' }] }),
    );
    expect(badPrice.statusCode).toBe(400);
    expect(badPrice.param).toBe('items[0][price]');
    const mixed = await stripeError(() =>
      stripe.subscriptions.create({
        customer: DEMO.customers.active,
        items: [{ price: DEMO.prices.proMonthly }, { price: DEMO.prices.starterYearly }],
      }),
    );
    expect(mixed.statusCode).toBe(400);
    const before = await stripe.subscriptions.list({ customer: DEMO.customers.active, status: 'all' });
    expect(before.data).toHaveLength(1);
  });
});

describe('over a real port', () => {
  const emulator = createEmulator();
  let close: (() => Promise<void>) | undefined;
  afterAll(async () => close?.());

  it('serves the SDK with host, port and protocol', async () => {
    const running = await emulator.listen({ port: 0 });
    close = running.close;
    expect(running.url).toBe(`http://127.0.0.1:${running.port}`);
    const stripe = new Stripe('sk_test_port', {
      host: running.host,
      port: running.port,
      protocol: 'http',
      httpClient: validatingHttpClient(Stripe.createNodeHttpClient()),
      maxNetworkRetries: 0,
    });
    const customer = await stripe.customers.create({ email: 'wire@example.com', metadata: { a: '1' } });
    const subs = await stripe.subscriptions.list({
      customer: DEMO.customers.active,
      status: 'all',
      expand: ['data.customer'],
    });
    expect((subs.data[0]!.customer as Stripe.Customer).email).toBe('ada@example.com');
    const got = (await stripe.customers.retrieve(customer.id)) as Stripe.Customer;
    expect(got.metadata).toEqual({ a: '1' });
    const err = await stripeError(() => stripe.customers.retrieve('cus_missing'));
    expect(err.statusCode).toBe(404);
    const unauth = await fetch(`${running.url}/v1/customers`);
    expect(unauth.status).toBe(401);
    // Hosted links of seeded invoices follow the port chosen at listen time.
    const [invoice] = (await stripe.invoices.list({ customer: DEMO.customers.active, limit: 1 })).data;
    expect(invoice!.hosted_invoice_url).toBe(`${running.url}/_hosted/invoices/${invoice!.id}`);
    const page = await fetch(invoice!.invoice_pdf!);
    expect(page.headers.get('content-type')).toBe('application/pdf');
  });
});
