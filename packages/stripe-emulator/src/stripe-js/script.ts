import { readFileSync } from 'node:fs';

/**
 * The browser code lives in plain `.js` fragments (no bundler): each one adds a part to the
 * shared `SE` namespace, and they are concatenated in this order inside one function scope.
 */
const FRAGMENTS = ['util.js', 'card.js', 'form-style.js', 'form.js', 'challenge.js', 'intents.js', 'stripe.js'];

let cached: string | null = null;

function body(): string {
  cached ??= FRAGMENTS.map(
    (f) => `// ---- ${f}\n${readFileSync(new URL(`./browser/${f}`, import.meta.url), 'utf8')}`,
  ).join('\n');
  return cached;
}

/**
 * The script served at `/v3/stripe.js`. The API base is normally taken from the script's own URL;
 * `fallbackBase` (the Host the script was fetched from) covers pages that inline or re-host it.
 */
export function stripeJsSource(fallbackBase: string): string {
  return `/* Stripe.js stand-in served by @portal/stripe-emulator (test mode only). */
(function (window, document) {
  'use strict';
  if (window.Stripe && window.Stripe.__emulator) return;
  var SE = { fallbackBase: ${JSON.stringify(fallbackBase)}, scriptSrc: document.currentScript ? document.currentScript.src : '' };
${body()}
  window.Stripe = SE.Stripe;
})(window, document);
`;
}
