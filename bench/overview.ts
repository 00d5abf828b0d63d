import type { BenchEmulator } from './emulator';
import type { ChildServer } from './portal-process';
import { DEMO_ACCOUNT, getOverview } from './session';
import { latencyOf, ms, type Latency } from './stats';
import { postEvent, signedCustomerEvent } from './webhook';

export interface OverviewResult {
  cold: Latency & { stripeRequests: number };
  warm: Latency & { stripeRequests: number };
}

/**
 * Cold: the customer's cache entry has just been dropped by a signed webhook (the catalog stays
 * warm, as it is in a running server); warm: straight after. Stripe requests come from the
 * emulator's counters, reset right before each load so the webhook's own re-read is not counted.
 */
export async function measureOverview(
  portal: ChildServer,
  emulator: BenchEmulator,
  cookie: string,
  opts: { cold: number; warm: number },
): Promise<OverviewResult> {
  const headers = { cookie };
  await getOverview(portal.url, headers); // first load also fills the process-wide catalog
  const cold: number[] = [];
  const coldRequests: number[] = [];
  for (let i = 0; i < opts.cold; i++) {
    const outcome = await postEvent(
      portal.url,
      signedCustomerEvent(`evt_bench_cold_${Date.now()}_${i}`, DEMO_ACCOUNT.customerId),
    );
    if (outcome !== 'applied') throw new Error(`invalidating webhook was ${outcome}`);
    await emulator.resetCounters();
    const start = process.hrtime.bigint();
    await getOverview(portal.url, headers);
    cold.push(ms(start));
    coldRequests.push(await emulator.requestCount());
  }
  await emulator.resetCounters();
  const warm: number[] = [];
  for (let i = 0; i < opts.warm; i++) {
    const start = process.hrtime.bigint();
    await getOverview(portal.url, headers);
    warm.push(ms(start));
  }
  const warmRequests = await emulator.requestCount();
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN);
  return {
    cold: { ...latencyOf(cold), stripeRequests: Math.round(mean(coldRequests) * 100) / 100 },
    warm: { ...latencyOf(warm), stripeRequests: warmRequests / Math.max(1, opts.warm) },
  };
}
