import { DEMO } from '@portal/stripe-emulator';
import { pool } from './stats';
import { postEvent, signedCustomerEvent } from './webhook';

export interface WebhookResult {
  events: number;
  deliveries: number;
  applied: number;
  duplicates: number;
  eventsPerSecond: number;
  exactlyOnce: boolean;
}

/**
 * Every event is delivered twice, concurrently (Stripe retries and may race itself): exactly once
 * means each id is `applied` once and `duplicate` once. Rate = distinct events applied per second.
 */
export async function ingestWebhooks(portalUrl: string, events: number, concurrency = 32): Promise<WebhookResult> {
  const customers = Object.values(DEMO.customers);
  const run = `${Date.now().toString(36)}`;
  const signed = Array.from({ length: events }, (_, i) =>
    signedCustomerEvent(`evt_bench_${run}_${i}`, customers[i % customers.length]!),
  );
  const deliveries = signed.flatMap((event) => [event, event]);
  const outcomes = new Map<string, number>();
  const start = Date.now();
  await pool(deliveries, concurrency, async (event) => {
    const outcome = await postEvent(portalUrl, event);
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  });
  const seconds = (Date.now() - start) / 1000;
  const applied = outcomes.get('applied') ?? 0;
  const duplicates = outcomes.get('duplicate') ?? 0;
  return {
    events,
    deliveries: deliveries.length,
    applied,
    duplicates,
    eventsPerSecond: Math.round(applied / seconds),
    exactlyOnce: applied === events && duplicates === events,
  };
}
