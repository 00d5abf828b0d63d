import type { Core, WireResponse } from '../core.js';
import type { StripeObject } from '../store.js';
import { formatMoney } from '../billing/amounts.js';
import { escapeHtml, page } from './html.js';
import { checkUpdateConfirm, scheduledAtPeriodEnd, scheduleConfirmedUpdate } from './portal-policy.js';

/**
 * Deep-link flows of a portal session other than cancel: confirm a prepared plan change,
 * pause collection, edit billing details. Each posts back to the session's action route.
 */
export function flowPage(core: Core, session: StripeObject, base: string): WireResponse | null {
  const flow = session.flow;
  if (!flow) return null;
  const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  if (flow.type === 'subscription_update_confirm') {
    const c = flow.subscription_update_confirm;
    let summary = '';
    try {
      const preview = core.sandbox(() =>
        core.call('POST', '/v1/invoices/create_preview', {
          customer: session.customer,
          subscription: c.subscription,
          subscription_details: { items: c.items.map((i: StripeObject) => ({ ...(i.id ? { id: i.id } : {}), ...(i.price ? { price: i.price } : {}), ...(i.quantity !== undefined ? { quantity: i.quantity } : {}) })), proration_behavior: 'always_invoice' },
        }),
      );
      summary = `<p data-testid="portal-update-amount">Amount due today: ${escapeHtml(formatMoney(preview.amount_due, preview.currency))}</p>`;
    } catch (e) {
      summary = `<p class="muted">${escapeHtml((e as Error).message)}</p>`;
    }
    return page(
      'Confirm your update',
      `<h1>Confirm your update</h1>${summary}<form method="post" action="${base}/action">${hidden('action', 'confirm_update')}<button data-testid="portal-confirm-update">Confirm</button></form><p><a href="${base}/return">Go back</a></p>`,
    );
  }
  if (flow.type === 'subscription_pause') {
    return page(
      'Pause your subscription',
      `<h1>Pause payments</h1><p>Invoices will not be collected until you resume.</p><form method="post" action="${base}/action">${hidden('action', 'pause')}${hidden('subscription', flow.subscription_pause.subscription)}<button data-testid="portal-confirm-pause">Pause</button></form><p><a href="${base}/return">Go back</a></p>`,
    );
  }
  if (flow.type === 'customer_update') {
    const c = core.store.getAny(session.customer);
    return page(
      'Update billing information',
      `<h1>Billing information</h1><form method="post" action="${base}/action">${hidden('action', 'customer_update')}<p><label>Name <input name="name" value="${escapeHtml(c?.name ?? '')}"></label></p><p><label>Email <input name="email" value="${escapeHtml(c?.email ?? '')}"></label></p><button data-testid="portal-save-customer">Save</button></form><p><a href="${base}/return">Go back</a></p>`,
    );
  }
  return null;
}

/** Applies a flow's confirmation; returns false when the action is not a flow action. */
export function applyFlowAction(core: Core, session: StripeObject, body: Record<string, string>, config: StripeObject): boolean {
  const flow = session.flow;
  if (body.action === 'confirm_update' && flow?.type === 'subscription_update_confirm') {
    const c = flow.subscription_update_confirm;
    const sub = core.store.find('subscription', c.subscription);
    checkUpdateConfirm(core, config, sub, c.items);
    if (scheduledAtPeriodEnd(core, config, sub, c.items)) {
      scheduleConfirmedUpdate(core, sub, c.items);
      return true;
    }
    core.call('POST', `/v1/subscriptions/${c.subscription}`, {
      items: c.items.map((i: StripeObject) => ({ ...(i.id ? { id: i.id } : {}), ...(i.price ? { price: i.price } : {}), ...(i.quantity !== undefined ? { quantity: i.quantity } : {}) })),
      proration_behavior: config.features.subscription_update.proration_behavior ?? 'create_prorations',
      ...(c.discounts ? { discounts: c.discounts.map((d: StripeObject) => (d.coupon ? { coupon: d.coupon } : { promotion_code: d.promotion_code })) } : {}),
    });
    return true;
  }
  if (body.action === 'pause' && flow?.type === 'subscription_pause') {
    core.call('POST', `/v1/subscriptions/${flow.subscription_pause.subscription}`, { pause_collection: { behavior: 'void' } });
    return true;
  }
  if (body.action === 'customer_update' && flow?.type === 'customer_update') {
    core.call('POST', `/v1/customers/${session.customer}`, { ...(body.name !== undefined ? { name: body.name } : {}), ...(body.email !== undefined ? { email: body.email } : {}) });
    return true;
  }
  return false;
}

