import type { Core } from '../core.js';
import { processTime } from '../billing/timeline.js';
import { periodEndOf } from '../resources/subscription-model.js';

/** Stable ids of the usage-based demo data (issue 20), merged into `DEMO`. */
export const METERED_DEMO = {
  customers: {
    /** Radia Perlman: API plan, $49 platform fee plus graduated per-request usage, Visa. */
    meteredApi: 'cus_demo_api',
    /** Frances Allen: transactional email billed per started 10,000 emails (package pricing), Mastercard. */
    meteredPackage: 'cus_demo_email',
  },
  subscriptions: { meteredApi: 'sub_demo_api', meteredPackage: 'sub_demo_email' },
  paymentMethods: { meteredApiVisa: 'pm_demo_api_visa', meteredPackageMastercard: 'pm_demo_email_mastercard' },
  products: {
    apiPlatform: 'prod_demo_api_platform',
    apiRequests: 'prod_demo_api_requests',
    emails: 'prod_demo_emails',
  },
  prices: {
    apiPlatformMonthly: 'price_demo_api_platform_monthly',
    /** Graduated: the first 100,000 requests included, then $0.50 per 1,000, then $0.30 per 1,000 past a million. */
    apiRequestsMonthly: 'price_demo_api_requests_monthly',
    /** Package: $10 per started 10,000 emails (`transform_quantity`, rounded up). */
    emailsMonthly: 'price_demo_emails_monthly',
  },
  meters: { apiRequests: 'mtr_demo_api_requests', emails: 'mtr_demo_emails_sent' },
} as const;

const DAY = 86400;

/** The demo seed's helpers: run at a back-dated moment, and give an object its stable id at the end. */
export interface SeedTools {
  at<T>(daysAgo: number, fn: () => T): T;
  rename(obj: { id: string }, id: string): void;
}

/** A small deterministic generator (mulberry32): the same demo usage on every seed. */
function noise(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface UsagePattern {
  eventName: string;
  /** A typical weekday's total; weekends run at `weekend` of it. */
  weekday: number;
  weekend: number;
  /** Growth per day, so the chart trends like a real product's. */
  growth: number;
  /** When in the day the batches are reported, as fractions of a day before the same clock time. */
  batches: number[];
  seed: number;
}

const API_USAGE: UsagePattern = {
  eventName: 'api_requests',
  weekday: 9000,
  weekend: 0.35,
  growth: 0.012,
  batches: [0.6, 0.25],
  seed: 20,
};

const EMAIL_USAGE: UsagePattern = {
  eventName: 'emails_sent',
  weekday: 2400,
  weekend: 0.4,
  growth: 0.004,
  batches: [0.4],
  seed: 21,
};

/** Meters, products and prices of the two usage-based plans (created with the rest of the catalog). */
function createCatalog(
  core: Core,
  { rename }: SeedTools,
): { apiPlatform: string; apiRequests: string; emails: string } {
  const ids = METERED_DEMO;
  const meter = (event_name: string, display_name: string, id: string) => {
    const m = core.call('POST', '/v1/billing/meters', {
      event_name,
      display_name,
      default_aggregation: { formula: 'sum' },
    });
    rename(m, id);
    return m.id;
  };
  const requestsMeter = meter(API_USAGE.eventName, 'API requests', ids.meters.apiRequests);
  const emailsMeter = meter(EMAIL_USAGE.eventName, 'Emails sent', ids.meters.emails);
  const product = (id: string, name: string, description: string, unit_label?: string) =>
    core.call('POST', '/v1/products', {
      id,
      name,
      description,
      ...(unit_label ? { unit_label } : {}),
      metadata: { demo: 'true', usage: 'true' },
    });
  product(ids.products.apiPlatform, 'API platform', 'Platform fee of the API plan');
  product(ids.products.apiRequests, 'API requests', 'Per-request usage of the API plan', 'request');
  product(ids.products.emails, 'Transactional email', 'Billed per started 10,000 emails', 'email');
  const price = (params: Record<string, unknown>, id: string) => {
    const p = core.call('POST', '/v1/prices', { currency: 'usd', ...params });
    rename(p, id);
    return p.id;
  };
  return {
    apiPlatform: price(
      {
        product: ids.products.apiPlatform,
        unit_amount: 4900,
        recurring: { interval: 'month' },
        lookup_key: 'api_platform_monthly',
        nickname: 'API platform monthly',
      },
      ids.prices.apiPlatformMonthly,
    ),
    apiRequests: price(
      {
        product: ids.products.apiRequests,
        recurring: { interval: 'month', usage_type: 'metered', meter: requestsMeter },
        billing_scheme: 'tiered',
        tiers_mode: 'graduated',
        tiers: [
          { up_to: 100000, unit_amount: 0 },
          { up_to: 1000000, unit_amount_decimal: '0.05' },
          { up_to: 'inf', unit_amount_decimal: '0.03' },
        ],
        lookup_key: 'api_requests_monthly',
        nickname: 'API requests (graduated)',
      },
      ids.prices.apiRequestsMonthly,
    ),
    emails: price(
      {
        product: ids.products.emails,
        unit_amount: 1000,
        transform_quantity: { divide_by: 10000, round: 'up' },
        recurring: { interval: 'month', usage_type: 'metered', meter: emailsMeter },
        lookup_key: 'emails_monthly',
        nickname: 'Transactional email per 10,000',
      },
      ids.prices.emailsMonthly,
    ),
  };
}

interface MeteredCustomer {
  key: keyof typeof METERED_DEMO.customers;
  pm: string;
  name: string;
  email: string;
  card: string;
  startedDaysAgo: number;
  prices: string[];
  usage: UsagePattern;
}

/** Subscribes a demo customer at `startedDaysAgo` and returns the subscription's id. */
function subscribe(core: Core, tools: SeedTools, d: MeteredCustomer): string {
  return tools.at(d.startedDaysAgo, () => {
    core.transaction(() => processTime(core, null));
    const customer = core.call('POST', '/v1/customers', {
      name: d.name,
      email: d.email,
      payment_method: d.card,
      metadata: { demo: 'true' },
    });
    tools.rename(customer, METERED_DEMO.customers[d.key]);
    const pm = core.store.all('payment_method', (x) => x.customer === customer.id)[0]!;
    tools.rename(pm, d.pm);
    core.call('POST', `/v1/customers/${customer.id}`, { invoice_settings: { default_payment_method: pm.id } });
    const sub = core.call('POST', '/v1/subscriptions', {
      customer: customer.id,
      items: d.prices.map((price) => ({ price })),
      metadata: { demo: 'true' },
    });
    tools.rename(sub, METERED_DEMO.subscriptions[d.key]);
    return sub.id as string;
  });
}

/**
 * Reports a customer's usage day by day from its start until now, a few batches a day, each at
 * its own moment: the events take their timestamps from the customer's clock as a live
 * integration's would, and renewals run in between, so the ended period's invoice bills exactly
 * that period's usage.
 */
function reportUsage(core: Core, tools: SeedTools, sub: string, startedDaysAgo: number, u: UsagePattern): void {
  const customer = core.store.find('subscription', sub).customer as string;
  const random = noise(u.seed);
  core.batch(() => {
    for (let day = Math.floor(startedDaysAgo) - 1; day >= 0; day--) {
      const date = new Date((core.now() - day * DAY) * 1000);
      const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
      const daysIn = startedDaysAgo - day;
      const total = u.weekday * (weekend ? u.weekend : 1) * (1 + u.growth * daysIn) * (0.8 + 0.4 * random());
      for (const offset of u.batches) {
        const value = Math.round(total / u.batches.length);
        tools.at(day + offset, () => {
          // Renew first when a period ended (only then: catching up is costly), so it bills only its own usage.
          if (periodEndOf(core, core.store.find('subscription', sub)) <= core.now())
            core.transaction(() => processTime(core, null));
          core.call('POST', '/v1/billing/meter_events', {
            event_name: u.eventName,
            payload: { stripe_customer_id: customer, value: String(value) },
          });
        });
      }
    }
  });
}

/**
 * Two customers on usage-based plans, for the portal's usage screen: Radia on the API plan with
 * seven weeks of daily requests (a renewal that billed the first month's usage, then about three
 * weeks of the current period), Frances on package-priced email with about six weeks of sends
 * (likewise one billed period). Runs before the rest of the seed catches up to now, so that no
 * renewal of theirs runs before the usage it bills is reported.
 */
export function seedMeteredDemo(core: Core, tools: SeedTools): void {
  const prices = tools.at(400, () => createCatalog(core, tools));
  const customers: MeteredCustomer[] = [
    {
      key: 'meteredApi',
      pm: METERED_DEMO.paymentMethods.meteredApiVisa,
      name: 'Radia Perlman',
      email: 'radia@example.com',
      card: 'pm_card_visa',
      startedDaysAgo: 51,
      prices: [prices.apiPlatform, prices.apiRequests],
      usage: API_USAGE,
    },
    {
      key: 'meteredPackage',
      pm: METERED_DEMO.paymentMethods.meteredPackageMastercard,
      name: 'Frances Allen',
      email: 'frances@example.com',
      card: 'pm_card_mastercard',
      startedDaysAgo: 40,
      prices: [prices.emails],
      usage: EMAIL_USAGE,
    },
  ];
  for (const d of customers) reportUsage(core, tools, subscribe(core, tools, d), d.startedDaysAgo, d.usage);
}
