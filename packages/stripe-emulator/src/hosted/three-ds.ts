import type { Core, WireRequest, WireResponse } from '../core.js';
import { completePaymentAuthentication } from '../resources/payment-intents.js';
import { completeSetupAuthentication } from '../resources/setup-intents.js';
import { escapeHtml, json, page, readBody, redirect } from './html.js';

/**
 * The 3D Secure challenge an intent in `requires_action` redirects to. Approving or failing it
 * moves the intent on, then returns to the intent's `return_url` the way Stripe does.
 */
export function threeDsHandler(core: Core) {
  return (req: WireRequest, url: URL): WireResponse | null => {
    const m = /^\/_hosted\/3ds\/((?:seti|pi)_[A-Za-z0-9_]+)(\/complete)?$/.exec(url.pathname);
    if (!m) return null;
    const id = m[1] ?? '';
    const intent = core.store.get(id);
    if (!intent) return page('Not found', '<h1>Unknown authentication request</h1>', 404);
    const kind = intent.object === 'setup_intent' ? 'setup_intent' : 'payment_intent';
    if (!m[2]) {
      return page(
        'Authenticate payment',
        `<h1>3D Secure test page</h1><p>${kind === 'setup_intent' ? 'Save card' : `Pay ${escapeHtml((intent.amount / 100).toFixed(2))} ${escapeHtml(String(intent.currency).toUpperCase())}`}</p>
<p class="muted">This is the emulator's stand-in for the bank's challenge.</p>
<form method="post" action="/_hosted/3ds/${escapeHtml(id)}/complete"><button name="result" value="approve" data-testid="3ds-approve">Complete authentication</button><button class="secondary" name="result" value="fail" data-testid="3ds-fail">Fail authentication</button></form>`,
      );
    }
    if (req.method !== 'POST') return page('Method not allowed', '<h1>Use POST</h1>', 405);
    const body = readBody(req);
    const approve = body.result !== 'fail';
    core.transaction(() => {
      if (kind === 'setup_intent') completeSetupAuthentication(core, intent, approve);
      else completePaymentAuthentication(core, intent, approve);
    });
    const returnUrl = intent._return_url ?? null;
    if ((req.headers.accept ?? '').includes('application/json') || !returnUrl)
      return json(200, { id, status: intent.status });
    const back = new URL(returnUrl);
    back.searchParams.set(kind, id);
    back.searchParams.set(`${kind}_client_secret`, intent.client_secret);
    back.searchParams.set('redirect_status', intent.status === 'succeeded' ? 'succeeded' : 'failed');
    return redirect(back.toString());
  };
}
