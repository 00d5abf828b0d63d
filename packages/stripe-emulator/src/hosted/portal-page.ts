import type { Core, WireRequest, WireResponse } from '../core.js';
import type { StripeObject } from '../store.js';
import { formatDate, formatMoney, intervalLabel } from '../billing/amounts.js';
import { IDLE_TTL, MAX_TTL, UNUSED_TTL } from '../resources/billing-portal.js';
import { itemsOf, periodEndOf } from '../resources/subscription-model.js';
import { escapeHtml, page, readBody, redirect } from './html.js';
import { applyCustomerUpdate, customerUpdatePage } from './portal-customer.js';
import { applyFlowAction, flowPage, unavailable } from './portal-flows.js';

function expired(core: Core, session: StripeObject): boolean {
  const now = core.now();
  if (now - session.created > MAX_TTL) return true;
  if (session._last_activity === null) return now - session.created > UNUSED_TTL;
  return now - session._last_activity > IDLE_TTL;
}

function subscriptionRow(core: Core, sub: StripeObject, base: string, canCancel: boolean): string {
  const items = itemsOf(core, sub.id).map((si) => {
    const price = core.store.getAny(si.price);
    const product = price ? core.store.getAny(price.product) : undefined;
    return `${escapeHtml(product?.name ?? si.price)}${si.quantity && si.quantity > 1 ? ` × ${si.quantity}` : ''} · ${escapeHtml(formatMoney((price?.unit_amount ?? 0) * (si.quantity ?? 1), price?.currency ?? 'usd'))} / ${escapeHtml(price ? intervalLabel(price) : '')}`;
  });
  const end = formatDate(periodEndOf(core, sub));
  const state = sub.cancel_at_period_end
    ? `Cancels on ${end}`
    : sub.status === 'trialing'
      ? `Trial ends ${formatDate(sub.trial_end)}`
      : `Renews on ${end}`;
  const action = !canCancel
    ? ''
    : sub.cancel_at_period_end
      ? `<form method="post" action="${base}/action"><input type="hidden" name="action" value="reactivate"><input type="hidden" name="subscription" value="${escapeHtml(sub.id)}"><button data-testid="portal-reactivate">Renew plan</button></form>`
      : `<a class="button secondary" href="${base}?cancel=${escapeHtml(sub.id)}" data-testid="portal-cancel">Cancel plan</a>`;
  return `<li data-testid="portal-subscription"><strong>${items.join('<br>')}</strong><br><span class="badge">${escapeHtml(sub.status)}</span> ${escapeHtml(state)} ${action}</li>`;
}

function homepage(
  core: Core,
  session: StripeObject,
  config: StripeObject,
  base: string,
  cancelId: string | null,
): WireResponse {
  const { store } = core;
  const customer = store.getAny(session.customer);
  const f = config.features;
  const subs = store.all(
    'subscription',
    (s) => s.customer === session.customer && s.status !== 'canceled' && s.status !== 'incomplete_expired',
  );
  const cancelling = cancelId ? subs.find((s) => s.id === cancelId) : undefined;
  if (cancelling && f.subscription_cancel.enabled) return cancelPage(core, session, config, base, cancelling);
  const pms = store.all('payment_method', (pm) => pm.customer === session.customer);
  const defaultPm = customer?.invoice_settings?.default_payment_method;
  const invoices = store.all('invoice', (i) => i.customer === session.customer && i.status !== 'draft').slice(0, 10);
  const back = session.return_url
    ? `<p><a href="${base}/return" data-testid="portal-return">← Return to ${escapeHtml(new URL(session.return_url).host)}</a></p>`
    : '';
  return page(
    'Billing portal',
    `${back}<h1>${escapeHtml(config.business_profile.headline ?? 'Manage your billing')}</h1><p class="muted">${escapeHtml(customer?.name ?? '')} · ${escapeHtml(customer?.email ?? '')}</p>
<h2>Current plan</h2><ul>${subs.map((s) => subscriptionRow(core, s, base, f.subscription_cancel.enabled)).join('') || '<li>No active subscriptions</li>'}</ul>
${f.payment_method_update.enabled ? `<h2>Payment methods</h2><ul>${pms.map((pm) => `<li>${escapeHtml(pm.card?.brand)} •••• ${escapeHtml(pm.card?.last4)} ${pm.id === defaultPm ? '<span class="badge">Default</span>' : `<form method="post" action="${base}/action" style="display:inline"><input type="hidden" name="action" value="default_pm"><input type="hidden" name="payment_method" value="${escapeHtml(pm.id)}"><button class="secondary">Make default</button></form>`}</li>`).join('')}</ul>` : ''}
${f.customer_update.enabled ? `<p><a href="${base}?update=customer" data-testid="portal-update-customer">Update information</a></p>` : ''}
${f.invoice_history.enabled ? `<h2>Invoice history</h2><table>${invoices.map((i) => `<tr><td>${formatDate(i.created)}</td><td>${escapeHtml(formatMoney(i.total, i.currency))}</td><td><span class="badge">${escapeHtml(i.status)}</span></td><td><a href="/_hosted/invoices/${escapeHtml(i.id)}">View</a></td></tr>`).join('')}</table>` : ''}${policyLinks(config)}`,
  );
}

/** The business's terms and privacy policy, linked at the foot of every portal page as Stripe does. */
function policyLinks(config: StripeObject): string {
  const { privacy_policy_url: privacy, terms_of_service_url: terms } = config.business_profile;
  const links = [
    terms ? `<a href="${escapeHtml(terms)}" data-testid="portal-terms">Terms of service</a>` : '',
    privacy ? `<a href="${escapeHtml(privacy)}" data-testid="portal-privacy">Privacy policy</a>` : '',
  ].filter(Boolean);
  return links.length ? `<p class="muted">${links.join(' · ')}</p>` : '';
}

function cancelPage(
  core: Core,
  session: StripeObject,
  config: StripeObject,
  base: string,
  sub: StripeObject,
): WireResponse {
  const reasons = config.features.subscription_cancel.cancellation_reason;
  const coupon = session.flow?.subscription_cancel?.retention?.coupon_offer?.coupon as string | undefined;
  const offer = coupon ? core.store.getAny(coupon) : undefined;
  const when =
    config.features.subscription_cancel.mode === 'immediately'
      ? 'immediately'
      : `on ${formatDate(periodEndOf(core, sub))}`;
  return page(
    'Cancel your plan',
    `<h1>Cancel your plan</h1><p>Your subscription will be canceled ${escapeHtml(when)}.</p>
${offer ? `<form method="post" action="${base}/action"><input type="hidden" name="action" value="accept_offer"><input type="hidden" name="subscription" value="${escapeHtml(sub.id)}"><button data-testid="portal-accept-offer">Accept offer: ${escapeHtml(offer.name ?? offer.id)}</button></form>` : ''}
<form method="post" action="${base}/action"><input type="hidden" name="action" value="cancel"><input type="hidden" name="subscription" value="${escapeHtml(sub.id)}">
${reasons?.enabled ? `<p><select name="feedback">${(reasons.options as string[]).map((o) => `<option value="${escapeHtml(o)}">${escapeHtml(o.replace(/_/g, ' '))}</option>`).join('')}</select></p>` : ''}
<button data-testid="portal-confirm-cancel">Cancel plan</button></form><p><a href="${base}/return">Go back</a></p>`,
  );
}

function afterCompletion(session: StripeObject, base: string): WireResponse {
  const ac = session.flow?.after_completion;
  if (ac?.type === 'redirect') return redirect(ac.redirect.return_url);
  if (ac?.type === 'hosted_confirmation')
    return page(
      'Done',
      `<h1>All set</h1><p>${escapeHtml(ac.hosted_confirmation?.custom_message ?? 'Your changes were saved.')}</p><p><a href="${base}/return">Return</a></p>`,
    );
  return redirect(`${base}?home=1`);
}

/** The hosted billing portal a `billing_portal.session.url` opens. */
export function portalPageHandler(core: Core) {
  return (req: WireRequest, url: URL): WireResponse | null => {
    const m = /^\/_hosted\/portal\/([A-Za-z0-9]+)(\/return|\/action)?$/.exec(url.pathname);
    if (!m) return null;
    const session = core.store.all('billing_portal.session', (s) => s._token === m[1])[0];
    if (!session) return page('Not found', '<h1>This link is not valid</h1>', 404);
    const base = `/_hosted/portal/${session._token}`;
    // Without a return URL there is nowhere to go back to but the portal's own homepage.
    if (m[2] === '/return') return redirect(session.return_url ?? `${base}?home=1`);
    if (expired(core, session))
      return page(
        'Session expired',
        `<h1>This session has expired</h1>${session.return_url ? `<p><a href="${escapeHtml(session.return_url)}" data-testid="portal-expired-return">Return</a></p>` : ''}`,
        410,
      );
    session._last_activity = core.now();
    const config = core.store.find('billing_portal.configuration', session.configuration);
    if (m[2] === '/action' && req.method === 'POST') {
      const body = readBody(req) as Record<string, string>;
      const own = (id: string | undefined) => {
        const s = id ? core.store.get(id) : undefined;
        return s && s.customer === session.customer ? s : null;
      };
      const sub = own(body.subscription);
      // The configuration's switches hold here too, whatever a hand-made form posts (issue 15, item 2).
      if (
        body.action === 'cancel' &&
        sub &&
        config.features.subscription_cancel.enabled &&
        !['canceled', 'incomplete_expired'].includes(sub.status)
      ) {
        const immediately = config.features.subscription_cancel.mode === 'immediately';
        const details = body.feedback ? { feedback: body.feedback } : {};
        // `proration_behavior` applies to immediate cancellations only, as in Stripe's portal.
        const proration = config.features.subscription_cancel.proration_behavior;
        if (immediately)
          core.call('DELETE', `/v1/subscriptions/${sub.id}`, {
            cancellation_details: details,
            prorate: proration !== 'none',
            invoice_now: proration === 'always_invoice',
          });
        else
          core.call('POST', `/v1/subscriptions/${sub.id}`, {
            cancel_at_period_end: true,
            cancellation_details: details,
          });
        return afterCompletion(session, base);
      }
      if (body.action === 'reactivate' && sub)
        core.call('POST', `/v1/subscriptions/${sub.id}`, { cancel_at_period_end: false });
      if (body.action === 'accept_offer' && sub) {
        const coupon = session.flow?.subscription_cancel?.retention?.coupon_offer?.coupon;
        if (coupon && !hasCoupon(core, sub, coupon))
          core.call('POST', `/v1/subscriptions/${sub.id}`, {
            discounts: [...(sub.discounts as string[]).map((discount) => ({ discount })), { coupon }],
          });
        return afterCompletion(session, base);
      }
      if (applyFlowAction(core, session, body, config)) return afterCompletion(session, base);
      if (body.action === 'customer_update' && !session.flow && config.features.customer_update.enabled)
        applyCustomerUpdate(core, session, config, body);
      if (
        body.action === 'default_pm' &&
        config.features.payment_method_update.enabled &&
        own(body.payment_method)?.object === 'payment_method'
      )
        core.call('POST', `/v1/customers/${session.customer}`, {
          invoice_settings: { default_payment_method: body.payment_method },
        });
      return redirect(base);
    }
    const flow = url.searchParams.has('home') ? null : flowPage(core, session, config, base);
    if (flow) return flow;
    if (url.searchParams.get('update') === 'customer')
      return config.features.customer_update.enabled
        ? customerUpdatePage(core, session, config, base)
        : unavailable(base);
    const flowCancel =
      session.flow?.type === 'subscription_cancel' && !url.searchParams.has('home')
        ? session.flow.subscription_cancel.subscription
        : null;
    return homepage(core, session, config, base, url.searchParams.get('cancel') ?? flowCancel);
  };
}

/** A retention offer taken once stays taken: accepting it again must not add the coupon again. */
function hasCoupon(core: Core, sub: StripeObject, coupon: string): boolean {
  return (sub.discounts as string[]).some((id) => core.store.get(id)?.source?.coupon === coupon);
}
