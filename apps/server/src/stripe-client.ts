import { createEmulator, type RunningEmulator } from '@portal/stripe-emulator';
import Stripe from 'stripe';
import { emulatorStateFile, keepEmulatorState, restoreEmulatorState } from './emulator-state';
import type { Env } from './env';

export interface StripeConnection {
  stripe: Stripe;
  publishableKey: string;
  /** The emulator's Stripe.js stand-in; null with real Stripe (the browser loads js.stripe.com). */
  stripeJsUrl: string | null;
  /** Set in embedded mode: the in-process emulator the SDK talks to over loopback. */
  emulator: RunningEmulator | null;
  close(): Promise<void>;
}

const EMULATOR_SECRET_KEY = 'sk_test_embedded_emulator';
const EMULATOR_PUBLISHABLE_KEY = 'pk_test_embedded_emulator';

/** One Stripe code path: the official SDK on its pinned API version, pointed at Stripe or not. */
function sdkFor(key: string, base: string | undefined): Stripe {
  if (!base) return new Stripe(key, { maxNetworkRetries: 2, appInfo: { name: 'billing-portal' } });
  const url = new URL(base);
  return new Stripe(key, {
    host: url.hostname,
    port: url.port || (url.protocol === 'https:' ? 443 : 80),
    protocol: url.protocol === 'https:' ? 'https' : 'http',
    maxNetworkRetries: 2,
    appInfo: { name: 'billing-portal' },
  });
}

/**
 * `persistState` (embedded mode with a DATA_DIR, i.e. `npm start`) keeps the in-process emulator's
 * state in DATA_DIR across restarts; without it the emulator starts from the demo seed each time.
 * `accountName` is the business name the embedded emulator prints on invoices and PDFs, so they
 * name the same business as the portal's branding.
 */
export async function connectStripe(
  env: Env,
  { persistState = false, accountName }: { persistState?: boolean; accountName?: string } = {},
): Promise<StripeConnection> {
  if (env.STRIPE_SECRET_KEY) {
    const stripe = sdkFor(env.STRIPE_SECRET_KEY, env.STRIPE_API_BASE);
    return {
      stripe,
      publishableKey: env.STRIPE_PUBLISHABLE_KEY ?? '',
      stripeJsUrl: null,
      emulator: null,
      close: async () => {},
    };
  }
  if (env.STRIPE_API_BASE) {
    // An external emulator (e.g. `stripe-emulator --port 12111`): any test key works there.
    const stripe = sdkFor(EMULATOR_SECRET_KEY, env.STRIPE_API_BASE);
    return {
      stripe,
      publishableKey: EMULATOR_PUBLISHABLE_KEY,
      stripeJsUrl: new URL('/v3/stripe.js', env.STRIPE_API_BASE).toString(),
      emulator: null,
      close: async () => {},
    };
  }
  // The control routes stay closed to anyone without the token (random when unset, and never logged).
  const instance = createEmulator({
    seed: 'demo',
    rateLimit: env.EMULATOR_RATE_LIMIT === 'on',
    searchLagMs: env.EMULATOR_SEARCH_LAG_MS,
    ...(env.STRIPE_EMULATOR_TOKEN ? { controlToken: env.STRIPE_EMULATOR_TOKEN } : {}),
    ...(accountName ? { accountName } : {}),
  });
  const stateFile = emulatorStateFile(env.DATA_DIR);
  if (persistState) restoreEmulatorState(instance, stateFile);
  const kept = persistState ? keepEmulatorState(instance, stateFile) : null;
  const emulator = await instance.listen({ port: 0, host: '127.0.0.1' });
  const stripe = sdkFor(EMULATOR_SECRET_KEY, emulator.url);
  const close = async () => {
    kept?.flush();
    await emulator.close();
  };
  return {
    stripe,
    publishableKey: EMULATOR_PUBLISHABLE_KEY,
    stripeJsUrl: `${emulator.url}/v3/stripe.js`,
    emulator,
    close,
  };
}
