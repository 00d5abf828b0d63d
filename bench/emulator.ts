import { createEmulator, type Emulator, type RunningEmulator } from '@portal/stripe-emulator';
import Stripe from 'stripe';

/**
 * The Stripe emulator, in the bench's process and on loopback. Latency and counters go through its
 * control routes (`/_emulator/…`), exactly as an external tool would use them.
 */
export interface BenchEmulator {
  url: string;
  /** The SDK wired straight into the emulator (no socket): for seeding, outside the measurements. */
  stripe: Stripe;
  /** The emulator's store, for bulk seeding only (creating 10,000 subscriptions through its API takes minutes). */
  emulator: Emulator;
  setLatency(ms: number): Promise<void>;
  resetCounters(): Promise<void>;
  /** Stripe API requests answered since the last reset. */
  requestCount(): Promise<number>;
  close(): Promise<void>;
}

export async function startEmulator(): Promise<BenchEmulator> {
  // Stripe's rate limits off: the bench measures the portal's own throughput (its reads come from
  // a cache), and seeding 10,000 objects would otherwise be paced at 25 writes a second. The test
  // suite runs with the limits on and covers the portal's behaviour near them.
  const emulator: Emulator = createEmulator({ seed: 'demo', rateLimit: false });
  const running: RunningEmulator = await emulator.listen({ port: 0, host: '127.0.0.1' });
  // The control routes take the emulator's bearer token, handed over in-process (never printed).
  const authorization = `Bearer ${emulator.controlToken}`;
  const control = (method: string, path: string, body?: object) =>
    fetch(`${running.url}/_emulator${path}`, {
      method,
      headers: { authorization, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    }).then(async (res) => {
      if (!res.ok) throw new Error(`emulator control ${method} ${path}: ${res.status}`);
      return res.json() as Promise<Record<string, unknown>>;
    });
  return {
    url: running.url,
    stripe: new Stripe('sk_test_bench', { httpClient: emulator.httpClient }),
    emulator,
    async setLatency(ms) {
      await control('POST', '/latency', { fixedMs: ms, jitterMs: 0 });
    },
    async resetCounters() {
      await control('DELETE', '/requests');
    },
    async requestCount() {
      const counters = await control('GET', '/counters');
      return Object.values(counters).reduce<number>((sum, n) => sum + Number(n), 0);
    },
    close: () => running.close(),
  };
}
