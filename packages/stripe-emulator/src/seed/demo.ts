import type { Core } from '../core.js';

/** Stable ids of the demo data set, for the portal's embedded mode and for tests. */
export const DEMO = {
  customers: {
    active: 'cus_demo_active',
  },
  subscriptions: {
    active: 'sub_demo_active',
  },
  paymentMethods: {
    activeVisa: 'pm_demo_active_visa',
  },
  products: {
    starter: 'prod_demo_starter',
    pro: 'prod_demo_pro',
    business: 'prod_demo_business',
    team: 'prod_demo_team',
    support: 'prod_demo_support',
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
  },
} as const;

const CATALOG = [
  { key: 'starter', name: 'Starter', description: 'For individuals getting started', monthly: 900, yearly: 9000, unit: null },
  { key: 'pro', name: 'Pro', description: 'For growing teams that need more', monthly: 2900, yearly: 29000, unit: null },
  { key: 'business', name: 'Business', description: 'For organisations with advanced needs', monthly: 9900, yearly: 99000, unit: null },
  { key: 'team', name: 'Team', description: 'Priced per seat', monthly: 1200, yearly: 12000, unit: 'seat' },
] as const;

/**
 * Builds the demo data through the emulator's own API (so objects are exactly what the API
 * would make), then renames the random ids to the stable DEMO ids everywhere in the store.
 */
export function seedDemo(core: Core): void {
  const renames = new Map<string, string>();
  const rename = (obj: { id: string }, id: string) => renames.set(obj.id, id);

  for (const p of CATALOG) {
    const product = core.call('POST', '/v1/products', {
      id: `prod_demo_${p.key}`,
      name: p.name,
      description: p.description,
      ...(p.unit ? { unit_label: p.unit } : {}),
      metadata: { demo: 'true', tier: p.key },
    });
    const monthly = core.call('POST', '/v1/prices', {
      product: product.id,
      currency: 'usd',
      unit_amount: p.monthly,
      recurring: { interval: 'month' },
      lookup_key: `${p.key}_monthly`,
      nickname: `${p.name} monthly`,
    });
    const yearly = core.call('POST', '/v1/prices', {
      product: product.id,
      currency: 'usd',
      unit_amount: p.yearly,
      recurring: { interval: 'year' },
      lookup_key: `${p.key}_yearly`,
      nickname: `${p.name} yearly`,
    });
    rename(monthly, `price_demo_${p.key}_monthly`);
    rename(yearly, `price_demo_${p.key}_yearly`);
    core.call('POST', `/v1/products/${product.id}`, { default_price: monthly.id });
  }
  const support = core.call('POST', '/v1/products', { id: DEMO.products.support, name: 'Priority support', description: 'Add-on: 24/7 priority support', metadata: { demo: 'true', addon: 'true' } });
  rename(
    core.call('POST', '/v1/prices', { product: support.id, currency: 'usd', unit_amount: 1900, recurring: { interval: 'month' }, lookup_key: 'support_monthly', nickname: 'Priority support monthly' }),
    DEMO.prices.supportMonthly,
  );

  const ada = core.call('POST', '/v1/customers', {
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    phone: '+14155550100',
    address: { line1: '12 St James Square', city: 'London', postal_code: 'SW1Y 4JH', country: 'GB' },
    preferred_locales: ['en'],
    payment_method: 'pm_card_visa',
    metadata: { demo: 'true' },
  });
  rename(ada, DEMO.customers.active);
  const pm = core.store.all('payment_method', (x) => x.customer === ada.id)[0];
  if (pm) {
    rename(pm, DEMO.paymentMethods.activeVisa);
    core.call('POST', `/v1/customers/${ada.id}`, { invoice_settings: { default_payment_method: pm.id } });
  }
  const proMonthly = [...renames].find(([, v]) => v === DEMO.prices.proMonthly)?.[0];
  const sub = core.call('POST', '/v1/subscriptions', { customer: ada.id, items: [{ price: proMonthly, quantity: 1 }], metadata: { demo: 'true' } });
  rename(sub, DEMO.subscriptions.active);

  applyRenames(core, renames);
}

function applyRenames(core: Core, renames: Map<string, string>): void {
  if (renames.size === 0) return;
  const pattern = new RegExp([...renames.keys()].map((k) => k.replace(/[^A-Za-z0-9_]/g, '')).join('|'), 'g');
  const json = JSON.stringify(core.store.snapshot()).replace(pattern, (m) => renames.get(m) ?? m);
  core.store.restore(JSON.parse(json));
}
