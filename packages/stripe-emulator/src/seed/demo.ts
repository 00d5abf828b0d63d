import type { Core } from '../core.js';
import { processTime } from '../billing/timeline.js';
import { saveDashboardConfiguration } from '../resources/billing-portal.js';
import type { StripeObject } from '../store.js';
import { METERED_DEMO, seedMeteredDemo } from './demo-metered.js';

/** Stable ids of the demo data set, for the portal's embedded mode and for tests. */
export const DEMO = {
  customers: {
    /** Ada Lovelace: Pro monthly, Visa 4242, paid invoice history. */
    active: 'cus_demo_active',
    /** Grace Hopper: Pro monthly in a 14-day trial, Mastercard. */
    trialing: 'cus_demo_trialing',
    /** Alan Turing: Starter monthly, renewal declined (card 0341), open invoice. */
    pastDue: 'cus_demo_past_due',
    /** Katherine Johnson: Business yearly set to cancel at period end, EU VAT ID. */
    cancelAtPeriodEnd: 'cus_demo_canceling',
    /** Margaret Hamilton: Team monthly, 5 seats, Amex. */
    multiSeat: 'cus_demo_team',
    /** Barbara Liskov: Pro monthly plus the Priority support add-on. */
    multiItem: 'cus_demo_multi',
    ...METERED_DEMO.customers,
  },
  subscriptions: {
    active: 'sub_demo_active',
    trialing: 'sub_demo_trialing',
    pastDue: 'sub_demo_past_due',
    cancelAtPeriodEnd: 'sub_demo_canceling',
    multiSeat: 'sub_demo_team',
    multiItem: 'sub_demo_multi',
    ...METERED_DEMO.subscriptions,
  },
  paymentMethods: {
    activeVisa: 'pm_demo_active_visa',
    trialingMastercard: 'pm_demo_trialing_mastercard',
    pastDueFailing: 'pm_demo_past_due_fail',
    cancelingVisa: 'pm_demo_canceling_visa',
    multiSeatAmex: 'pm_demo_team_amex',
    multiItemVisa: 'pm_demo_multi_visa',
    ...METERED_DEMO.paymentMethods,
  },
  products: {
    starter: 'prod_demo_starter',
    pro: 'prod_demo_pro',
    business: 'prod_demo_business',
    team: 'prod_demo_team',
    support: 'prod_demo_support',
    ...METERED_DEMO.products,
  },
  prices: {
    starterMonthly: 'price_demo_starter_monthly',
    starterYearly: 'price_demo_starter_yearly',
    proMonthly: 'price_demo_pro_monthly',
    proYearly: 'price_demo_pro_yearly',
    businessMonthly: 'price_demo_business_monthly',
    businessYearly: 'price_demo_business_yearly',
    teamMonthly: 'price_demo_team_monthly',
    teamYearly: 'price_demo_team_yearly',
    supportMonthly: 'price_demo_support_monthly',
    supportYearly: 'price_demo_support_yearly',
    ...METERED_DEMO.prices,
  },
  /** The usage-based plans' Billing meters. */
  meters: METERED_DEMO.meters,
  coupons: {
    /** 20% off for 3 months. */
    welcome20: 'demo_welcome_20',
    /** 50% off the next invoice: a retention offer. */
    retention50: 'demo_retention_50',
  },
  promotionCodes: {
    /** Code `WELCOME20` for the welcome20 coupon. */
    welcome20: 'promo_demo_welcome20',
  },
  /** The default billing-portal configuration (saved "in the Dashboard"). */
  portalConfiguration: 'bpc_demo_default',
} as const;

const CATALOG = [
  {
    key: 'starter',
    name: 'Starter',
    description: 'For individuals getting started',
    monthly: 900,
    yearly: 9000,
    unit: null,
  },
  {
    key: 'pro',
    name: 'Pro',
    description: 'For growing teams that need more',
    monthly: 2900,
    yearly: 29000,
    unit: null,
  },
  {
    key: 'business',
    name: 'Business',
    description: 'For organisations with advanced needs',
    monthly: 9900,
    yearly: 99000,
    unit: null,
  },
  { key: 'team', name: 'Team', description: 'Priced per seat', monthly: 1200, yearly: 12000, unit: 'seat' },
] as const;

const DAY = 86400;

/** The customers on licensed plans; those on usage-based plans are seeded by `demo-metered.ts`. */
type LicensedDemoKey = Exclude<keyof typeof DEMO.customers, keyof typeof METERED_DEMO.customers>;

interface DemoCustomer {
  key: LicensedDemoKey;
  name: string;
  email: string;
  card: string;
  /** Days before now the subscription started. */
  startedDaysAgo: number;
  items: Array<{ price: string; quantity?: number }>;
  extra?: Record<string, unknown>;
  customer?: Record<string, unknown>;
  then?: (core: Core, sub: StripeObject, customer: StripeObject) => void;
}

/**
 * Builds the demo data through the emulator's own API (so objects are exactly what the API
 * would make), back-dated so there is invoice history, then renames the random ids to the
 * stable DEMO ids everywhere in the store.
 */
export function seedDemo(core: Core): void {
  const renames = new Map<string, string>();
  const rename = (obj: { id: string }, id: string) => renames.set(obj.id, id);
  const priceIds = new Map<string, string>();
  const realOffset = core.clockOffsetSeconds;
  const at = <T>(daysAgo: number, fn: () => T): T => {
    core.clockOffsetSeconds = realOffset - Math.round(daysAgo * DAY);
    try {
      return fn();
    } finally {
      core.clockOffsetSeconds = realOffset;
    }
  };

  at(400, () => {
    for (const p of CATALOG) {
      const product = core.call('POST', '/v1/products', {
        id: `prod_demo_${p.key}`,
        name: p.name,
        description: p.description,
        ...(p.unit ? { unit_label: p.unit } : {}),
        marketing_features: [{ name: p.description }],
        metadata: { demo: 'true', tier: p.key },
      });
      for (const [interval, amount] of [
        ['month', p.monthly],
        ['year', p.yearly],
      ] as const) {
        const label = interval === 'month' ? 'monthly' : 'yearly';
        const price = core.call('POST', '/v1/prices', {
          product: product.id,
          currency: 'usd',
          unit_amount: amount,
          recurring: { interval },
          lookup_key: `${p.key}_${label}`,
          nickname: `${p.name} ${label}`,
        });
        rename(price, `price_demo_${p.key}_${label}`);
        priceIds.set(`price_demo_${p.key}_${label}`, price.id);
      }
      core.call('POST', `/v1/products/${product.id}`, { default_price: priceIds.get(`price_demo_${p.key}_monthly`) });
    }
    const support = core.call('POST', '/v1/products', {
      id: DEMO.products.support,
      name: 'Priority support',
      description: 'Add-on: 24/7 priority support',
      metadata: { demo: 'true', addon: 'true' },
    });
    const supportPrice = core.call('POST', '/v1/prices', {
      product: support.id,
      currency: 'usd',
      unit_amount: 1900,
      recurring: { interval: 'month' },
      lookup_key: 'support_monthly',
      nickname: 'Priority support monthly',
    });
    rename(supportPrice, DEMO.prices.supportMonthly);
    priceIds.set(DEMO.prices.supportMonthly, supportPrice.id);
    // Yearly too: every item of a subscription bills on one interval, so the add-on must follow a yearly plan.
    const supportYearly = core.call('POST', '/v1/prices', {
      product: support.id,
      currency: 'usd',
      unit_amount: 19000,
      recurring: { interval: 'year' },
      lookup_key: 'support_yearly',
      nickname: 'Priority support yearly',
    });
    rename(supportYearly, DEMO.prices.supportYearly);
    priceIds.set(DEMO.prices.supportYearly, supportYearly.id);
    core.call('POST', '/v1/coupons', {
      id: DEMO.coupons.welcome20,
      name: 'Welcome 20% off',
      percent_off: 20,
      duration: 'repeating',
      duration_in_months: 3,
    });
    core.call('POST', '/v1/coupons', {
      id: DEMO.coupons.retention50,
      name: 'Stay with us: 50% off',
      percent_off: 50,
      duration: 'once',
    });
    rename(
      core.call('POST', '/v1/promotion_codes', {
        promotion: { type: 'coupon', coupon: DEMO.coupons.welcome20 },
        code: 'WELCOME20',
      }),
      DEMO.promotionCodes.welcome20,
    );
  });

  const price = (id: string) => priceIds.get(id) ?? id;
  const customers: DemoCustomer[] = [
    {
      key: 'active',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      card: 'pm_card_visa',
      startedDaysAgo: 70,
      items: [{ price: DEMO.prices.proMonthly, quantity: 1 }],
      customer: {
        phone: '+14155550100',
        address: { line1: '12 St James Square', city: 'London', postal_code: 'SW1Y 4JH', country: 'GB' },
        preferred_locales: ['en'],
      },
    },
    {
      key: 'trialing',
      name: 'Grace Hopper',
      email: 'grace@example.com',
      card: 'pm_card_mastercard',
      startedDaysAgo: 3,
      items: [{ price: DEMO.prices.proMonthly }],
      extra: { trial_period_days: 14 },
    },
    {
      key: 'pastDue',
      name: 'Alan Turing',
      email: 'alan@example.com',
      card: 'pm_card_chargeCustomerFail',
      // A 7-day trial that ended an hour ago: its first real charge was declined.
      startedDaysAgo: 7 + 1 / 24,
      items: [{ price: DEMO.prices.starterMonthly }],
      extra: { trial_period_days: 7 },
    },
    {
      key: 'cancelAtPeriodEnd',
      name: 'Katherine Johnson',
      email: 'katherine@example.com',
      card: 'pm_card_visa',
      startedDaysAgo: 100,
      items: [{ price: DEMO.prices.businessYearly }],
      customer: {
        address: { line1: 'Unter den Linden 1', city: 'Berlin', postal_code: '10117', country: 'DE' },
        tax_id_data: [{ type: 'eu_vat', value: 'DE123456789' }],
      },
      then: (c, sub) =>
        at(2, () =>
          c.call('POST', `/v1/subscriptions/${sub.id}`, {
            cancel_at_period_end: true,
            cancellation_details: { feedback: 'too_expensive', comment: 'Budget freeze this year' },
          }),
        ),
    },
    {
      key: 'multiSeat',
      name: 'Margaret Hamilton',
      email: 'margaret@example.com',
      card: 'pm_card_amex',
      startedDaysAgo: 20,
      items: [{ price: DEMO.prices.teamMonthly, quantity: 5 }],
    },
    {
      key: 'multiItem',
      name: 'Barbara Liskov',
      email: 'barbara@example.com',
      card: 'pm_card_visa',
      startedDaysAgo: 40,
      items: [{ price: DEMO.prices.proMonthly }, { price: DEMO.prices.supportMonthly }],
    },
  ];
  const pmKeys: Record<LicensedDemoKey, string> = {
    active: DEMO.paymentMethods.activeVisa,
    trialing: DEMO.paymentMethods.trialingMastercard,
    pastDue: DEMO.paymentMethods.pastDueFailing,
    cancelAtPeriodEnd: DEMO.paymentMethods.cancelingVisa,
    multiSeat: DEMO.paymentMethods.multiSeatAmex,
    multiItem: DEMO.paymentMethods.multiItemVisa,
  };

  for (const d of customers) {
    at(d.startedDaysAgo, () => {
      const customer = core.call('POST', '/v1/customers', {
        name: d.name,
        email: d.email,
        payment_method: d.card,
        metadata: { demo: 'true' },
        ...d.customer,
      });
      rename(customer, DEMO.customers[d.key]);
      const pm = core.store.all('payment_method', (x) => x.customer === customer.id)[0];
      if (pm) {
        rename(pm, pmKeys[d.key]);
        core.call('POST', `/v1/customers/${customer.id}`, { invoice_settings: { default_payment_method: pm.id } });
      }
      const sub = core.call('POST', '/v1/subscriptions', {
        customer: customer.id,
        items: d.items.map((i) => ({ ...i, price: price(i.price) })),
        metadata: { demo: 'true' },
        ...d.extra,
      });
      rename(sub, DEMO.subscriptions[d.key]);
      // Replay renewals between the start and now, as if the emulator had been running.
      core.transaction(() => processTime(core, null));
      d.then?.(core, core.store.find('subscription', sub.id), customer);
    });
  }
  // Before catching up to now: usage must be reported before the renewals that bill it.
  seedMeteredDemo(core, { at, rename });
  core.transaction(() => processTime(core, null));
  // A real account has saved its portal settings once, which made the default configuration. It
  // offers plan changes on the four plans (Team's seats 1–50), so confirm deep links are allowed.
  const plan = (key: (typeof CATALOG)[number]['key']) => ({
    product: `prod_demo_${key}`,
    prices: [price(`price_demo_${key}_monthly`), price(`price_demo_${key}_yearly`)],
    adjustable_quantity: key === 'team' ? { enabled: true, minimum: 1, maximum: 50 } : { enabled: false },
  });
  const subscription_update = {
    enabled: true,
    default_allowed_updates: ['price', 'quantity', 'promotion_code'],
    products: CATALOG.map((p) => plan(p.key)),
    proration_behavior: 'create_prorations',
  };
  at(400, () =>
    rename(
      core.transaction(() => saveDashboardConfiguration(core, { features: { subscription_update } })),
      DEMO.portalConfiguration,
    ),
  );
  applyRenames(core, renames);
}

function applyRenames(core: Core, renames: Map<string, string>): void {
  if (renames.size === 0) return;
  const pattern = new RegExp([...renames.keys()].map((k) => k.replace(/[^A-Za-z0-9_]/g, '')).join('|'), 'g');
  const swap = (json: string) => json.replace(pattern, (m) => renames.get(m) ?? m);
  core.store.restore(JSON.parse(swap(JSON.stringify(core.store.snapshot()))));
  core.events.restore(JSON.parse(swap(JSON.stringify(core.events.snapshot()))));
}
