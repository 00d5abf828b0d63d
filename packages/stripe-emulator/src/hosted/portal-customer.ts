import type { Core, WireResponse } from '../core.js';
import type { StripeObject } from '../store.js';
import { escapeHtml, page } from './html.js';

const ADDRESS_FIELDS = ['line1', 'line2', 'city', 'postal_code', 'state', 'country'] as const;

/** The fields of `features.customer_update.allowed_updates` this page edits, in page order. */
function allowedFields(config: StripeObject): string[] {
  const allowed = config.features.customer_update.allowed_updates as string[];
  return ['name', 'email', 'phone', 'address'].filter((f) => allowed.includes(f));
}

/** The billing-details page: only the fields the configuration lets customers update. */
export function customerUpdatePage(
  core: Core,
  session: StripeObject,
  config: StripeObject,
  base: string,
): WireResponse {
  const c = core.store.getAny(session.customer);
  const input = (name: string, label: string, value: unknown) =>
    `<p><label>${label} <input name="${name}" value="${escapeHtml(typeof value === 'string' ? value : '')}" data-testid="portal-customer-${name}"></label></p>`;
  const fields = allowedFields(config).map((f) =>
    f === 'address'
      ? `<fieldset><legend>Address</legend>${ADDRESS_FIELDS.map((a) => input(`address_${a}`, a.replace('_', ' '), c?.address?.[a])).join('')}</fieldset>`
      : input(f, f[0]!.toUpperCase() + f.slice(1), c?.[f]),
  );
  return page(
    'Update billing information',
    `<h1>Billing information</h1><form method="post" action="${base}/action"><input type="hidden" name="action" value="customer_update">${fields.join('') || '<p>Nothing here can be changed.</p>'}<button data-testid="portal-save-customer">Save</button></form><p><a href="${base}/return">Go back</a></p>`,
  );
}

/** Saves the posted billing details, limited to the allowed fields whatever a hand-made form posts. */
export function applyCustomerUpdate(
  core: Core,
  session: StripeObject,
  config: StripeObject,
  body: Record<string, string>,
): void {
  const update: Record<string, unknown> = {};
  for (const f of allowedFields(config)) {
    if (f === 'address') {
      const address = Object.fromEntries(
        ADDRESS_FIELDS.filter((a) => body[`address_${a}`] !== undefined).map((a) => [a, body[`address_${a}`]]),
      );
      if (Object.keys(address).length > 0) update.address = address;
    } else if (body[f] !== undefined) update[f] = body[f];
  }
  if (Object.keys(update).length > 0) core.call('POST', `/v1/customers/${session.customer}`, update);
}
