import type { StripeBrowserConfig } from '@portal/contract';
import type { Stripe } from '@stripe/stripe-js';

const loads = new Map<string, Promise<Stripe | null>>();

function injectScript(src: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error('Could not load the payment form. Check your connection and try again.'));
    document.head.appendChild(script);
  });
}

/**
 * Stripe.js is fetched only when a payment screen needs it. In emulator mode the emulator's
 * stand-in is loaded first: `loadStripe` reuses an existing `window.Stripe` and loads nothing.
 */
export function loadPortalStripe(config: StripeBrowserConfig): Promise<Stripe | null> {
  const key = `${config.publishableKey}|${config.scriptUrl ?? ''}`;
  let load = loads.get(key);
  if (!load) {
    load = (async () => {
      if (config.scriptUrl && !(window as { Stripe?: unknown }).Stripe) await injectScript(config.scriptUrl);
      const { loadStripe } = await import('@stripe/stripe-js');
      return loadStripe(config.publishableKey);
    })();
    load.catch(() => loads.delete(key));
    loads.set(key, load);
  }
  return load;
}

/** Stripe Elements' appearance from the portal's CSS variables, so the card form matches the brand. */
export function elementsAppearance(root: Element | null) {
  const css = root ? getComputedStyle(root) : null;
  const v = (name: string, fallback: string) => css?.getPropertyValue(name).trim() || fallback;
  const surface = v('--bp-surface', '#ffffff');
  const dark = /^#[0-9a-f]{6}$/i.test(surface) && parseInt(surface.slice(1, 3), 16) < 0x60;
  return {
    theme: dark ? ('night' as const) : ('stripe' as const),
    variables: {
      colorTextSecondary: v('--bp-muted', '#555d70'),
      // On a dark surface the brand's text tint (--bp-link) keeps the form's accents readable.
      colorPrimary: dark ? v('--bp-link', '#a5b4fc') : v('--bp-brand', '#4f46e5'),
      colorText: v('--bp-text', '#1f2330'),
      colorBackground: v('--bp-surface', '#ffffff'),
      colorDanger: v('--bp-danger', '#b42318'),
      borderRadius: v('--bp-radius', '12px'),
      fontFamily: css?.fontFamily || 'system-ui, sans-serif',
    },
  };
}
