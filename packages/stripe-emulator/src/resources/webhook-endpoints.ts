import type { Core } from '../core.js';
import { invalidRequest, resourceMissing, unsupportedParameter } from '../errors.js';
import { apiVersionError } from '../http/api-versions.js';
import { newId, randomToken } from '../ids.js';
import { matchesRange, paginate } from '../list.js';
import { paginationFields, parseFields, s } from '../params.js';
import { sdkEnumValues } from '../sdk-params/enums.js';
import type { StripeObject } from '../store.js';
import { mergeMetadata } from './shared.js';

function checkUrl(url: string): void {
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw invalidRequest('Invalid URL: URL must be a valid http(s) URL.', 'url', 'url_invalid');
  }
}

/** Stripe refuses event types it does not have; `*` stands for all of them. */
function checkEnabledEvents(events: string[]): void {
  const known = sdkEnumValues('WebhookEndpointCreateParams.EnabledEvent');
  events.forEach((type, i) => {
    if (!known.has(type))
      throw invalidRequest(
        `Invalid enabled_events[${i}]: '${type}' is not a Stripe event type. Use '*' or one of the types listed at https://docs.stripe.com/api/events/types.`,
        `enabled_events[${i}]`,
      );
  });
}

/** Stripe keeps events retrievable and listable for 30 days. */
const EVENT_RETENTION_SECONDS = 30 * 24 * 60 * 60;

export function registerWebhookEndpoints(core: Core): void {
  const { router, store } = core;
  // Retention runs on the emulator clock at the moment an event was published, not on `created`:
  // a test clock's events carry its frozen time, however far in the past it is set.
  const publishedAt = new Map<string, number>();
  core.onEvent((e) => publishedAt.set(e.id, core.now()));
  const retained = (e: StripeObject) => (publishedAt.get(e.id) ?? e.created) >= core.now() - EVENT_RETENTION_SECONDS;

  router.post('/v1/webhook_endpoints', (ctx) => {
    const p = parseFields(
      {
        url: s.req(s.string()),
        enabled_events: s.req(s.array(s.string())),
        api_version: s.string(),
        connect: s.bool(),
        description: s.emptyable(s.string()),
        metadata: s.metadata(),
      },
      ctx.body,
    );
    checkUrl(p.url);
    if (p.enabled_events.length === 0) throw invalidRequest('You must enable at least one event.', 'enabled_events');
    checkEnabledEvents(p.enabled_events);
    // Connect endpoints receive connected accounts' events, and there are no connected accounts here.
    if (p.connect) throw unsupportedParameter('connect');
    const versionError = p.api_version === undefined ? null : apiVersionError(p.api_version, 'api_version');
    if (versionError) throw versionError;
    const secret = `whsec_${randomToken(32)}`;
    const endpoint: StripeObject = {
      id: newId('we'),
      object: 'webhook_endpoint',
      // Null means "the account's default version", which is what Stripe answers when none is given.
      api_version: p.api_version ?? null,
      application: null,
      created: core.now(),
      description: p.description || null,
      enabled_events: p.enabled_events,
      livemode: false,
      metadata: mergeMetadata({}, p.metadata),
      status: 'enabled',
      url: p.url,
      _secret: secret,
    };
    store.put(endpoint);
    // The secret is only ever returned on creation, as with Stripe.
    return { ...store.render(endpoint), secret };
  });

  router.get('/v1/webhook_endpoints/:id', (ctx) => {
    parseFields({}, ctx.body);
    return store.render(store.find('webhook_endpoint', ctx.route.id));
  });

  router.post('/v1/webhook_endpoints/:id', (ctx) => {
    const p = parseFields(
      {
        url: s.string(),
        enabled_events: s.array(s.string()),
        description: s.emptyable(s.string()),
        disabled: s.bool(),
        metadata: s.metadata(),
      },
      ctx.body,
    );
    const endpoint = store.find('webhook_endpoint', ctx.route.id);
    if (p.url !== undefined) {
      checkUrl(p.url);
      endpoint.url = p.url;
    }
    if (p.enabled_events !== undefined) {
      if (p.enabled_events.length === 0) throw invalidRequest('You must enable at least one event.', 'enabled_events');
      checkEnabledEvents(p.enabled_events);
      endpoint.enabled_events = p.enabled_events;
    }
    if (p.description !== undefined) endpoint.description = p.description || null;
    if (p.disabled !== undefined) endpoint.status = p.disabled ? 'disabled' : 'enabled';
    if (p.metadata !== undefined) endpoint.metadata = mergeMetadata(endpoint.metadata, p.metadata);
    return store.render(endpoint);
  });

  router.del('/v1/webhook_endpoints/:id', (ctx) => {
    parseFields({}, ctx.body);
    const endpoint = store.find('webhook_endpoint', ctx.route.id);
    store.markDeleted(endpoint.id);
    return { id: endpoint.id, object: 'webhook_endpoint', deleted: true };
  });

  router.get('/v1/webhook_endpoints', (ctx) => {
    const p = parseFields(paginationFields(), ctx.body);
    return paginate(store.all('webhook_endpoint'), p, '/v1/webhook_endpoints', 'webhook_endpoint', (o) =>
      store.render(o),
    );
  });

  router.get('/v1/events/:id', (ctx) => {
    parseFields({}, ctx.body);
    const event = core.events.get(ctx.route.id ?? '');
    if (!event || !retained(event)) throw resourceMissing('event', ctx.route.id ?? '');
    return structuredClone(event);
  });

  router.get('/v1/events', (ctx) => {
    const p = parseFields(
      { ...paginationFields(), type: s.string(), types: s.array(s.string()), delivery_success: s.bool() },
      ctx.body,
    );
    const typeMatch = (t: string) => {
      if (p.type === undefined) return true;
      // `customer.*` style wildcards are allowed in `type`.
      return p.type.endsWith('*') ? t.startsWith(p.type.slice(0, -1)) : t === p.type;
    };
    const items = core.events.all(
      'event',
      (e) =>
        retained(e) &&
        typeMatch(e.type) &&
        (p.types === undefined || p.types.includes(e.type)) &&
        matchesRange(e.created, p.created),
    );
    return paginate(items, p, '/v1/events', 'event', (e) => structuredClone(e));
  });
}
