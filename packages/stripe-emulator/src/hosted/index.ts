import type { Core } from '../core.js';
import { stripeJsHandler } from '../stripe-js/handler.js';
import { faviconHandler } from './favicon.js';
import { invoicePageHandler } from './invoice-page.js';
import { portalPageHandler } from './portal-page.js';
import { threeDsHandler } from './three-ds.js';
import { registerHostedUrls } from './urls.js';

/**
 * Pages the emulator serves itself: 3DS challenges, invoices, the billing portal, its favicon, and the
 * Stripe.js stand-in (`src/stripe-js/`, served at `/v3/stripe.js`).
 */
export function registerHosted(core: Core): void {
  registerHostedUrls(core);
  core.rawHandlers.push(
    faviconHandler(),
    threeDsHandler(core),
    invoicePageHandler(core),
    portalPageHandler(core),
    stripeJsHandler(core),
  );
}
