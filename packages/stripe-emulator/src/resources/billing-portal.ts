import type { Core } from '../core.js';
import { checkUpdateConfirm } from '../hosted/portal-policy.js';
import { invalidRequest, missingParameter, unsupportedParameter } from '../errors.js';
import { newId, randomToken } from '../ids.js';
import { paginate } from '../list.js';
import { paginationFields, parseFields, s, type Params } from '../params.js';
import type { StripeObject } from '../store.js';
import { applyFeatures, checkFeatures, checkFlowFeature, defaultFeatures, featuresSpec } from './portal-features.js';
import { mergeMetadata } from './shared.js';

export const PORTAL_LOCALES = [
  'auto',
  'bg',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'en-AU',
  'en-CA',
  'en-GB',
  'en-IE',
  'en-IN',
  'en-NZ',
  'en-SG',
  'es',
  'es-419',
  'et',
  'fi',
  'fil',
  'fr',
  'fr-CA',
  'hr',
  'hu',
  'id',
  'it',
  'ja',
  'ko',
  'lt',
  'lv',
  'ms',
  'mt',
  'nb',
  'nl',
  'pl',
  'pt',
  'pt-BR',
  'ro',
  'ru',
  'sk',
  'sl',
  'sv',
  'th',
  'tr',
  'vi',
  'zh',
  'zh-HK',
  'zh-TW',
];

/** Stripe's documented session lifetimes. */
export const UNUSED_TTL = 5 * 60;
export const IDLE_TTL = 60 * 60;
export const MAX_TTL = 2 * 60 * 60;

const configFields = {
  business_profile: s.obj({
    headline: s.emptyable(s.string()),
    privacy_policy_url: s.emptyable(s.string()),
    terms_of_service_url: s.emptyable(s.string()),
  }),
  default_return_url: s.emptyable(s.string()),
  login_page: s.obj({ enabled: s.req(s.bool()) }),
  metadata: s.metadata(),
  name: s.emptyable(s.string()),
};

/**
 * The account's default configuration. Stripe makes it when the portal settings are first saved
 * in the Dashboard; until then a session without `configuration` is refused (the message is Stripe's).
 */
function defaultConfiguration(core: Core): StripeObject {
  const existing = core.store.all('billing_portal.configuration', (c) => c.is_default)[0];
  if (existing) return existing;
  throw invalidRequest(
    'No configuration provided and your test mode default configuration has not been created. Provide a configuration or create your default by saving your customer portal settings in test mode at https://dashboard.stripe.com/test/settings/billing/portal.',
  );
}

/**
 * What saving the portal settings in Stripe's Dashboard does: creates the default configuration
 * (once; later calls return it). The API cannot do this, so the demo seed and tests call it.
 */
export function saveDashboardConfiguration(core: Core, params: Params = { features: {} }): StripeObject {
  return (
    core.store.all('billing_portal.configuration', (c) => c.is_default)[0] ?? createConfiguration(core, params, true)
  );
}

/**
 * The hosted login page (`login_page.enabled`) sends customers a sign-in link by email, which the
 * emulator cannot do: refused rather than handing out a URL that leads nowhere.
 */
function checkConfiguration(core: Core, p: Params): void {
  if (p.login_page?.enabled) throw unsupportedParameter('login_page[enabled]');
  if (p.features) checkFeatures(core, p.features);
}

function createConfiguration(core: Core, p: Params, isDefault: boolean): StripeObject {
  const now = core.now();
  const config: StripeObject = {
    id: newId('bpc'),
    object: 'billing_portal.configuration',
    active: true,
    application: null,
    business_profile: {
      headline: p.business_profile?.headline || null,
      privacy_policy_url: p.business_profile?.privacy_policy_url || null,
      terms_of_service_url: p.business_profile?.terms_of_service_url || null,
    },
    created: now,
    default_return_url: p.default_return_url || null,
    features: applyFeatures(defaultFeatures(), p.features),
    is_default: isDefault,
    livemode: false,
    login_page: { enabled: false, url: null },
    metadata: mergeMetadata({}, p.metadata),
    name: p.name || null,
    updated: now,
  };
  core.store.put(config);
  core.emit('billing_portal.configuration.created', config);
  return config;
}

const subscriptionRef = s.obj({ subscription: s.req(s.string()) });
const flowDataSpec = s.obj({
  after_completion: s.obj({
    hosted_confirmation: s.obj({ custom_message: s.string({ maxLength: 500 }) }),
    redirect: s.obj({ return_url: s.req(s.string()) }),
    type: s.req(s.enum('hosted_confirmation', 'portal_homepage', 'redirect')),
  }),
  subscription_cancel: s.obj({
    retention: s.obj({
      coupon_offer: s.req(s.obj({ coupon: s.req(s.string()) })),
      type: s.req(s.enum('coupon_offer')),
    }),
    subscription: s.req(s.string()),
  }),
  subscription_pause: subscriptionRef,
  subscription_update: subscriptionRef,
  subscription_update_confirm: s.obj({
    discounts: s.array(s.obj({ coupon: s.string(), promotion_code: s.string() })),
    items: s.req(s.array(s.obj({ id: s.req(s.string()), price: s.string(), quantity: s.int({ min: 0 }) }))),
    subscription: s.req(s.string()),
  }),
  type: s.req(s.string()),
});

function validateFlow(core: Core, config: StripeObject, flow: Params, customerId: string): Params {
  const type = flow.type as string;
  const types = [
    'payment_method_update',
    'subscription_cancel',
    'subscription_pause',
    'subscription_update',
    'subscription_update_confirm',
    'customer_update',
  ];
  if (!types.includes(type))
    throw invalidRequest(`Invalid flow_data[type]: must be one of ${types.join(', ')}`, 'flow_data[type]');
  checkFlowFeature(config, type);
  const own = (id: string | undefined, param: string) => {
    if (!id) throw missingParameter(param);
    const sub = core.store.findReferenced('subscription', id, param);
    if (sub.customer !== customerId)
      throw invalidRequest(`The subscription ${id} does not belong to customer ${customerId}.`, param);
    return sub;
  };
  const ac = flow.after_completion ?? { type: 'portal_homepage' };
  if (ac.type === 'redirect' && !ac.redirect?.return_url)
    throw missingParameter('flow_data[after_completion][redirect][return_url]');
  const out: Params = {
    after_completion: {
      hosted_confirmation:
        ac.type === 'hosted_confirmation' ? { custom_message: ac.hosted_confirmation?.custom_message ?? null } : null,
      redirect: ac.type === 'redirect' ? { return_url: ac.redirect.return_url } : null,
      type: ac.type,
    },
    customer_update: type === 'customer_update' ? {} : null,
    subscription_cancel: null,
    subscription_pause: null,
    subscription_update: null,
    subscription_update_confirm: null,
    type,
  };
  if (type === 'subscription_cancel') {
    const sc = flow.subscription_cancel ?? {};
    own(sc.subscription, 'flow_data[subscription_cancel][subscription]');
    const coupon = sc.retention?.coupon_offer?.coupon;
    if (sc.retention && coupon)
      core.store.findReferenced('coupon', coupon, 'flow_data[subscription_cancel][retention][coupon_offer][coupon]');
    out.subscription_cancel = {
      retention: sc.retention ? { coupon_offer: coupon ? { coupon } : null, type: 'coupon_offer' } : null,
      subscription: sc.subscription,
    };
  } else if (type === 'subscription_pause') {
    own(flow.subscription_pause?.subscription, 'flow_data[subscription_pause][subscription]');
    out.subscription_pause = { subscription: flow.subscription_pause.subscription };
  } else if (type === 'subscription_update') {
    own(flow.subscription_update?.subscription, 'flow_data[subscription_update][subscription]');
    out.subscription_update = { subscription: flow.subscription_update.subscription };
  } else if (type === 'subscription_update_confirm') {
    const c = flow.subscription_update_confirm ?? {};
    own(c.subscription, 'flow_data[subscription_update_confirm][subscription]');
    if (!Array.isArray(c.items) || c.items.length === 0)
      throw missingParameter('flow_data[subscription_update_confirm][items]');
    out.subscription_update_confirm = {
      discounts: Array.isArray(c.discounts)
        ? c.discounts.map((d: Params) => ({ coupon: d.coupon ?? null, promotion_code: d.promotion_code ?? null }))
        : null,
      items: c.items.map((i: Params) => ({
        id: i.id ?? null,
        price: i.price ?? null,
        ...(i.quantity !== undefined ? { quantity: Number(i.quantity) } : {}),
      })),
      subscription: c.subscription,
    };
  }
  return out;
}

export function registerBillingPortal(core: Core): void {
  const { router, store } = core;
  const base = '/v1/billing_portal/configurations';

  router.post(base, (ctx) => {
    const p = parseFields({ ...configFields, features: featuresSpec(true) }, ctx.body);
    if (!p.features) throw missingParameter('features');
    checkConfiguration(core, p);
    return store.render(createConfiguration(core, p, false));
  });
  router.get(`${base}/:id`, (ctx) => {
    parseFields({}, ctx.body);
    return store.render(store.find('billing_portal.configuration', ctx.route.id));
  });
  router.post(`${base}/:id`, (ctx) => {
    const p = parseFields({ ...configFields, features: featuresSpec(false), active: s.bool() }, ctx.body);
    const c = store.find('billing_portal.configuration', ctx.route.id);
    checkConfiguration(core, p);
    if (p.active !== undefined) {
      if (!p.active && c.is_default) throw invalidRequest('You cannot deactivate the default configuration.', 'active');
      c.active = p.active;
    }
    if (p.business_profile) {
      // '' (the SDK's null) clears a field; an absent one keeps its value.
      const next = { ...c.business_profile };
      for (const k of ['headline', 'privacy_policy_url', 'terms_of_service_url'])
        if (p.business_profile[k] !== undefined) next[k] = p.business_profile[k] || null;
      c.business_profile = next;
    }
    if (p.default_return_url !== undefined) c.default_return_url = p.default_return_url || null;
    if (p.features) c.features = applyFeatures(c.features, p.features);
    if (p.metadata !== undefined) c.metadata = mergeMetadata(c.metadata, p.metadata);
    if (p.name !== undefined) c.name = p.name || null;
    c.updated = core.now();
    core.emit('billing_portal.configuration.updated', c);
    return store.render(c);
  });
  router.get(base, (ctx) => {
    const p = parseFields({ ...paginationFields(), active: s.bool(), is_default: s.bool() }, ctx.body);
    const items = store.all(
      'billing_portal.configuration',
      (c) =>
        (p.active === undefined || c.active === p.active) &&
        (p.is_default === undefined || c.is_default === p.is_default),
    );
    return paginate(items, p, base, 'billing_portal.configuration', (o) => store.render(o));
  });

  router.post('/v1/billing_portal/sessions', (ctx) => {
    const p = parseFields(
      // customer_account (Accounts v2) and on_behalf_of (Connect) name objects the emulator has not.
      {
        customer: s.string(),
        configuration: s.string(),
        flow_data: flowDataSpec,
        locale: s.string(),
        return_url: s.string(),
      },
      ctx.body,
    );
    if (!p.customer) throw missingParameter('customer');
    const customer = store.findReferenced('customer', p.customer, 'customer');
    const config = p.configuration
      ? store.findReferenced('billing_portal.configuration', p.configuration, 'configuration')
      : defaultConfiguration(core);
    if (!config.active) throw invalidRequest('The configuration is not active.', 'configuration');
    if (p.locale !== undefined && !PORTAL_LOCALES.includes(p.locale))
      throw invalidRequest(`Invalid locale: must be one of ${PORTAL_LOCALES.join(', ')}`, 'locale');
    // Optional, as with Stripe: the configuration's default, else the portal shows no return link.
    const returnUrl: string | null = p.return_url ?? config.default_return_url ?? null;
    if (returnUrl !== null) {
      try {
        new URL(returnUrl);
      } catch {
        throw invalidRequest('Not a valid URL', 'return_url', 'url_invalid');
      }
    }
    const flow = p.flow_data ? validateFlow(core, config, p.flow_data, customer.id) : null;
    // A confirm deep link is held to the configuration's limits before the session exists.
    if (flow?.subscription_update_confirm)
      checkUpdateConfirm(
        core,
        config,
        store.find('subscription', flow.subscription_update_confirm.subscription),
        flow.subscription_update_confirm.items,
        flow.subscription_update_confirm.discounts,
      );
    const token = randomToken(32);
    const now = core.now();
    const session: StripeObject = {
      id: newId('bps'),
      object: 'billing_portal.session',
      configuration: config.id,
      created: now,
      customer: customer.id,
      customer_account: null,
      flow,
      livemode: false,
      locale: p.locale ?? null,
      on_behalf_of: null,
      return_url: returnUrl,
      url: `${core.baseUrl}/_hosted/portal/${token}`,
      _token: token,
      _last_activity: null,
    };
    store.put(session);
    core.emit('billing_portal.session.created', session);
    return store.render(session);
  });
}
