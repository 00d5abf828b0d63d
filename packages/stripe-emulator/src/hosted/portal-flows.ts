import type { Core, WireResponse } from '../core.js';
import type { StripeObject } from '../store.js';
import { formatMoney } from '../billing/amounts.js';
import { escapeHtml, page } from './html.js';
import { addIntervals, type Interval } from '../billing/periods.js';
import { applyCustomerUpdate, customerUpdatePage } from './portal-customer.js';
import { flowFeatureEnabled } from '../resources/portal-features.js';
import {
  checkUpdateConfirm,
  confirmedUpdateParams,
  scheduledAtPeriodEnd,
  scheduleConfirmedUpdate,
} from './portal-policy.js';

/**
 * Deep-link flows of a portal session other than cancel: confirm a prepared plan change,
 * pause collection, edit billing details. Each posts back to the session's action route.
 */
export function flowPage(core: Core, session: StripeObject, config: StripeObject, base: string): WireResponse | null {
  const flow = session.flow;
  if (!flow) return null;
  // The configuration may have turned the flow's feature off since the session was made.
  if (!flowFeatureEnabled(config, flow.type)) return unavailable(base);
  const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
  if (flow.type === 'subscription_update_confirm') {
    const c = flow.subscription_update_confirm;
    let summary = '';
    try {
      // What the confirmation will do, so the amount shown is what the customer is charged today:
      // only `always_invoice`, a restarted period or an ended trial invoice at once.
      const sub = core.store.find('subscription', c.subscription);
      const { items, proration_behavior, billing_cycle_anchor, trial_end } = confirmedUpdateParams(config, sub, c);
      const chargesToday =
        proration_behavior === 'always_invoice' || billing_cycle_anchor === 'now' || trial_end === 'now';
      const preview = chargesToday
        ? core.sandbox(() =>
            core.call('POST', '/v1/invoices/create_preview', {
              customer: session.customer,
              subscription: c.subscription,
              subscription_details: {
                items,
                proration_behavior,
                ...(billing_cycle_anchor ? { billing_cycle_anchor } : {}),
                ...(trial_end ? { trial_end } : {}),
              },
            }),
          )
        : { amount_due: 0, currency: sub.currency };
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
    const pause = config.features.subscription_pause;
    if (!pause.enabled) return unavailable(base);
    const options = pauseOptions(config);
    const choice =
      options.length > 0
        ? `<p><label>Pause for <select name="duration" data-testid="portal-pause-duration">${options.map((o, i) => `<option value="${i}">${escapeHtml(`${o.interval_count} ${o.interval}${o.interval_count > 1 ? 's' : ''}`)}</option>`).join('')}</select></label></p>`
        : '';
    return page(
      'Pause your subscription',
      `<h1>Pause payments</h1><p>Invoices will not be collected until ${options.length > 0 ? 'the pause ends' : 'you resume'}.</p><form method="post" action="${base}/action">${hidden('action', 'pause')}${hidden('subscription', flow.subscription_pause.subscription)}${choice}<button data-testid="portal-confirm-pause">Pause</button></form><p><a href="${base}/return">Go back</a></p>`,
    );
  }
  if (flow.type === 'customer_update') {
    if (!config.features.customer_update.enabled) return unavailable(base);
    return customerUpdatePage(core, session, config, base);
  }
  return null;
}

/** Applies a flow's confirmation; returns false when the action is not a flow action. */
export function applyFlowAction(
  core: Core,
  session: StripeObject,
  body: Record<string, string>,
  config: StripeObject,
): boolean {
  const flow = session.flow;
  if (flow && !flowFeatureEnabled(config, flow.type)) return false;
  if (body.action === 'confirm_update' && flow?.type === 'subscription_update_confirm') {
    const c = flow.subscription_update_confirm;
    const sub = core.store.find('subscription', c.subscription);
    checkUpdateConfirm(core, config, sub, c.items, c.discounts);
    if (scheduledAtPeriodEnd(core, config, sub, c.items)) {
      scheduleConfirmedUpdate(core, sub, c.items);
      return true;
    }
    core.call('POST', `/v1/subscriptions/${c.subscription}`, confirmedUpdateParams(config, sub, c));
    return true;
  }
  if (body.action === 'pause' && flow?.type === 'subscription_pause' && config.features.subscription_pause.enabled) {
    const options = pauseOptions(config);
    const chosen = options[Number(body.duration ?? 0)] ?? options[0];
    const resumesAt = chosen
      ? addIntervals(
          core.nowFor(core.store.find('subscription', flow.subscription_pause.subscription).test_clock ?? null),
          chosen.interval,
          chosen.interval_count,
          1,
        )
      : undefined;
    core.call('POST', `/v1/subscriptions/${flow.subscription_pause.subscription}`, {
      pause_collection: { behavior: 'void', ...(resumesAt ? { resumes_at: resumesAt } : {}) },
    });
    return true;
  }
  if (
    body.action === 'customer_update' &&
    flow?.type === 'customer_update' &&
    config.features.customer_update.enabled
  ) {
    applyCustomerUpdate(core, session, config, body);
    return true;
  }
  return false;
}

/** The lengths a customer may pause for: none when the configuration pauses indefinitely. */
function pauseOptions(config: StripeObject): { interval: Interval; interval_count: number }[] {
  const duration = config.features.subscription_pause.duration;
  return duration?.type === 'interval_options' ? duration.interval_options : [];
}

/** A page whose feature the configuration turns off, however the customer reached it. */
export function unavailable(base: string): WireResponse {
  return page(
    'Not available',
    `<h1>This is not available</h1><p>Your business does not offer this in its billing portal.</p><p><a href="${base}/return">Go back</a></p>`,
    403,
  );
}
