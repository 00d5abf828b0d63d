import { challengeUrl } from '../billing/card-auth.js';
import type { Core } from '../core.js';

/**
 * Hosted links are rendered from the emulator's current base URL, not stored: the demo seed runs
 * before `listen()` picks a port, and a saved state may be loaded on another port.
 */
export function registerHostedUrls(core: Core): void {
  const { store } = core;
  store.registerRenderer('invoice', (inv) => {
    if (inv.hosted_invoice_url) inv.hosted_invoice_url = `${core.baseUrl}/_hosted/invoices/${inv.id}`;
    if (inv.invoice_pdf) inv.invoice_pdf = `${core.baseUrl}/_hosted/invoices/${inv.id}/pdf`;
    return inv;
  });
  store.registerRenderer('billing_portal.session', (session) => {
    if (session._token) session.url = `${core.baseUrl}/_hosted/portal/${session._token}`;
    return session;
  });
  const intent = (obj: Parameters<Parameters<typeof store.registerRenderer>[1]>[0]) => {
    if (obj.next_action?.redirect_to_url) obj.next_action.redirect_to_url.url = challengeUrl(core, obj.id);
    if (obj.next_action?.use_stripe_sdk) obj.next_action.use_stripe_sdk.stripe_js = challengeUrl(core, obj.id);
    return obj;
  };
  store.registerRenderer('setup_intent', intent);
  store.registerRenderer('payment_intent', intent);
}
