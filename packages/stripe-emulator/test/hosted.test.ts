import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { DEMO } from '../src/index.js';
import { fakeClock, setup, stripeError } from './helpers.js';

type Emu = ReturnType<typeof setup>['emulator'];
const get = (emulator: Emu, url: string) =>
  emulator.core.dispatch({
    method: 'GET',
    url: new URL(url, 'http://x').pathname + new URL(url, 'http://x').search,
    headers: {},
    body: '',
  });
const post = (emulator: Emu, url: string, body: string) =>
  emulator.core.dispatch({
    method: 'POST',
    url: new URL(url, 'http://x').pathname,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });

describe('hosted invoice pages', () => {
  it('serves the hosted invoice page and a real PDF', async () => {
    const { stripe, emulator } = setup();
    const [invoice] = (await stripe.invoices.list({ customer: DEMO.customers.cancelAtPeriodEnd, limit: 1 })).data;
    const html = await get(emulator, invoice!.hosted_invoice_url!);
    expect(html.status).toBe(200);
    expect(String(html.body)).toContain(invoice!.number!);
    expect(String(html.body)).toContain('Katherine Johnson');
    const pdf = await get(emulator, invoice!.invoice_pdf!);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = Buffer.from(pdf.body as Buffer).toString('latin1');
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    expect(text).toContain(invoice!.number!);
    expect(text).toContain('DE123456789');
    expect(text).toContain('Berlin');
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
  });

  it("prints the account's business name and credits as -$20.30, never $-20.30", async () => {
    const { stripe, emulator } = setup({ accountName: 'Acme Cloud' });
    const sub = await stripe.subscriptions.retrieve(DEMO.subscriptions.active);
    // A downgrade invoiced at once: the unused Pro time comes back as a negative line.
    const updated = await stripe.subscriptions.update(sub.id, {
      items: [{ id: sub.items.data[0]!.id, price: DEMO.prices.starterMonthly }],
      proration_behavior: 'always_invoice',
    });
    const invoice = await stripe.invoices.retrieve(updated.latest_invoice as string);
    const credit = invoice.lines.data.find((l) => l.amount < 0);
    expect(credit).toBeTruthy();
    expect(invoice.account_name).toBe('Acme Cloud');
    const pdf = Buffer.from((await get(emulator, invoice.invoice_pdf!)).body as Buffer).toString('latin1');
    const html = String((await get(emulator, invoice.hosted_invoice_url!)).body);
    const printed = `-$${(-credit!.amount / 100).toFixed(2)}`;
    for (const page of [pdf, html]) {
      expect(page).toContain('Acme Cloud');
      expect(page).not.toContain('Billing Portal Demo');
      expect(page).toContain(printed);
      expect(page).not.toMatch(/\$-\d/);
    }
  });

  it('lets a past-due customer pay from the hosted page after fixing the card', async () => {
    const { stripe, emulator } = setup();
    const sub = await stripe.subscriptions.retrieve(DEMO.subscriptions.pastDue);
    const inv = await stripe.invoices.retrieve(sub.latest_invoice as string);
    const failed = await post(emulator, `${inv.hosted_invoice_url}/pay`, '');
    expect(String(failed.body)).toContain('declined');
    const good = await stripe.paymentMethods.attach('pm_card_visa', { customer: DEMO.customers.pastDue });
    await stripe.customers.update(DEMO.customers.pastDue, { invoice_settings: { default_payment_method: good.id } });
    const ok = await post(emulator, `${inv.hosted_invoice_url}/pay`, '');
    expect(ok.status).toBe(303);
    expect((await stripe.invoices.retrieve(inv.id)).status).toBe('paid');
    expect((await stripe.subscriptions.retrieve(sub.id)).status).toBe('active');
  });
});

describe('billing portal', () => {
  it('creates configurations and sessions with flow_data, and validates input', async () => {
    const { stripe } = setup();
    const config = await stripe.billingPortal.configurations.create({
      business_profile: { headline: 'Acme billing' },
      features: {
        subscription_cancel: {
          enabled: true,
          mode: 'at_period_end',
          cancellation_reason: { enabled: true, options: ['too_expensive', 'other'] },
        },
        subscription_update: {
          enabled: true,
          default_allowed_updates: ['price', 'quantity'],
          proration_behavior: 'create_prorations',
          products: [{ product: DEMO.products.pro, prices: [DEMO.prices.proMonthly, DEMO.prices.proYearly] }],
        },
        invoice_history: { enabled: true },
      },
    });
    expect(config).toMatchObject({
      object: 'billing_portal.configuration',
      active: true,
      is_default: false,
      business_profile: { headline: 'Acme billing' },
    });
    expect(config.features.subscription_cancel.cancellation_reason.options).toEqual(['too_expensive', 'other']);
    expect(config.features.subscription_update.products?.[0]?.adjustable_quantity).toEqual({
      enabled: false,
      maximum: null,
      minimum: 0,
    });
    expect(config.features.payment_method_update.enabled).toBe(true);

    const session = await stripe.billingPortal.sessions.create({
      customer: DEMO.customers.active,
      return_url: 'https://app.example/billing',
      configuration: config.id,
      locale: 'fr-CA',
      flow_data: {
        type: 'subscription_cancel',
        subscription_cancel: {
          subscription: DEMO.subscriptions.active,
          retention: { type: 'coupon_offer', coupon_offer: { coupon: DEMO.coupons.retention50 } },
        },
        after_completion: { type: 'redirect', redirect: { return_url: 'https://app.example/done' } },
      },
    });
    expect(session).toMatchObject({
      object: 'billing_portal.session',
      customer: DEMO.customers.active,
      configuration: config.id,
      locale: 'fr-CA',
      return_url: 'https://app.example/billing',
    });
    expect(session.flow?.subscription_cancel?.retention?.coupon_offer?.coupon).toBe(DEMO.coupons.retention50);
    expect(session.url).toContain('/_hosted/portal/');

    const badLocale = await stripeError(() =>
      stripe.billingPortal.sessions.create({
        customer: DEMO.customers.active,
        return_url: 'https://a.example',
        locale: 'xx' as Stripe.BillingPortal.SessionCreateParams.Locale,
      }),
    );
    expect(badLocale.param).toBe('locale');
    const foreign = await stripeError(() =>
      stripe.billingPortal.sessions.create({
        customer: DEMO.customers.trialing,
        return_url: 'https://a.example',
        flow_data: { type: 'subscription_cancel', subscription_cancel: { subscription: DEMO.subscriptions.active } },
      }),
    );
    expect(foreign.statusCode).toBe(400);
  });

  it('serves a hosted portal that cancels, honours expiry and returns', async () => {
    const clock = fakeClock();
    const { stripe, emulator } = setup({ now: clock.now });
    const session = await stripe.billingPortal.sessions.create({
      customer: DEMO.customers.active,
      return_url: 'https://app.example/billing',
      flow_data: {
        type: 'subscription_cancel',
        subscription_cancel: { subscription: DEMO.subscriptions.active },
        after_completion: { type: 'redirect', redirect: { return_url: 'https://app.example/done' } },
      },
    });
    const home = await get(emulator, session.url);
    expect(home.status).toBe(200);
    expect(String(home.body)).toContain('Cancel your plan');
    const done = await post(
      emulator,
      `${session.url}/action`,
      `action=cancel&subscription=${DEMO.subscriptions.active}`,
    );
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('https://app.example/done');
    expect((await stripe.subscriptions.retrieve(DEMO.subscriptions.active)).cancel_at_period_end).toBe(true);
    const back = await get(emulator, `${session.url}/return`);
    expect(back.headers.location).toBe('https://app.example/billing');

    // An unused session expires after 5 minutes; a used one after an hour idle.
    const unused = await stripe.billingPortal.sessions.create({
      customer: DEMO.customers.active,
      return_url: 'https://app.example/billing',
    });
    clock.advance(6 * 60);
    expect((await get(emulator, unused.url)).status).toBe(410);
    clock.advance(30 * 60);
    expect((await get(emulator, session.url)).status).toBe(200);
    clock.advance(61 * 60);
    expect((await get(emulator, session.url)).status).toBe(410);
  });

  it('confirms a prepared plan change through subscription_update_confirm', async () => {
    const { stripe, emulator } = setup();
    const sub = await stripe.subscriptions.retrieve(DEMO.subscriptions.multiSeat);
    const session = await stripe.billingPortal.sessions.create({
      customer: DEMO.customers.multiSeat,
      return_url: 'https://app.example/billing',
      flow_data: {
        type: 'subscription_update_confirm',
        subscription_update_confirm: { subscription: sub.id, items: [{ id: sub.items.data[0]!.id, quantity: 6 }] },
        after_completion: { type: 'hosted_confirmation', hosted_confirmation: { custom_message: 'Seats updated' } },
      },
    });
    const pageRes = await get(emulator, session.url);
    expect(String(pageRes.body)).toContain('Amount due today');
    const done = await post(emulator, `${session.url}/action`, 'action=confirm_update');
    expect(String(done.body)).toContain('Seats updated');
    expect((await stripe.subscriptions.retrieve(sub.id)).items.data[0]!.quantity).toBe(6);
  });
});
