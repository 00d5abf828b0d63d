/**
 * Load soak (`pnpm test:soak`, not part of `vitest run`): many concurrent customers doing a mixed
 * read/write workload against a real listening server on loopback, for a bounded time. Fails
 * (exit 1) on any error, on a p99 above SOAK_P99_MS, or on heap growth above SOAK_HEAP_MB between
 * the warmed-up start and the end (both measured after a forced GC).
 */
import { randomUUID } from 'node:crypto';
import { DEMO } from '@portal/stripe-emulator';
import { testApp } from '../test/harness';
import { hostToken } from '../test/security/wire';

// A dev tool's knobs, not the server's configuration (that is parsed in src/env.ts).
// eslint-disable-next-line no-restricted-properties
const knobs = process.env;
const SECONDS = Number(knobs.SOAK_SECONDS ?? 30);
const CUSTOMERS = Number(knobs.SOAK_CUSTOMERS ?? 40);
const P99_LIMIT_MS = Number(knobs.SOAK_P99_MS ?? 750);
const HEAP_LIMIT_MB = Number(knobs.SOAK_HEAP_MB ?? 64);

const gc = (globalThis as { gc?: () => void }).gc;
const heapMb = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

async function main() {
  // Loopback traffic comes from one address: lift the per-IP limit, keep the per-user one real.
  const { app, stripe } = await testApp({ RATE_LIMIT_PER_IP: '100000000' });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const users: Array<{ authorization: string; taxIds: string[] }> = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const customer = await stripe.customers.create({
      name: `Soak ${i}`,
      payment_method: 'pm_card_visa',
      invoice_settings: { default_payment_method: 'pm_card_visa' },
    });
    await stripe.subscriptions.create({ customer: customer.id, items: [{ price: DEMO.prices.proMonthly }] });
    users.push({
      authorization: await hostToken(`soak-${i}`, { customerId: customer.id, expiresIn: SECONDS + 600 }),
      taxIds: [] as string[],
    });
  }

  const latencies: number[] = [];
  const errors: string[] = [];
  let requests = 0;
  let writes = 0;
  const call = async (authorization: string, type: 'query' | 'mutation', path: string, input?: unknown) => {
    const started = performance.now();
    const res =
      type === 'query'
        ? await fetch(
            `${base}/trpc/${path}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`}`,
            { headers: { authorization } },
          )
        : await fetch(`${base}/trpc/${path}`, {
            method: 'POST',
            headers: { authorization, 'content-type': 'application/json' },
            body: JSON.stringify(input),
          });
    const body = (await res.json()) as { result?: { data?: { id?: string; taxIds?: { id: string }[] } } };
    latencies.push(performance.now() - started);
    requests++;
    if (!res.ok) errors.push(`${path} ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    return body.result?.data;
  };

  const reads: Array<[string, unknown]> = [
    ['billing.overview', undefined],
    ['billing.invoices.list', { limit: 10 }],
    ['billing.paymentMethods.list', undefined],
    ['billing.customer.get', undefined],
    ['billing.taxIds.list', undefined],
  ];
  const worker = async (user: (typeof users)[number], until: number) => {
    let n = 0;
    while (Date.now() < until) {
      n++;
      const roll = Math.random();
      if (roll < 0.8) {
        const [path, input] = reads[n % reads.length]!;
        await call(user.authorization, 'query', path, input);
      } else if (roll < 0.9) {
        writes++;
        await call(user.authorization, 'mutation', 'billing.customer.update', {
          idempotencyKey: randomUUID(),
          name: `Soak ${n}`,
        });
      } else if (user.taxIds.length < 5) {
        writes++;
        const added = await call(user.authorization, 'mutation', 'billing.taxIds.add', {
          idempotencyKey: randomUUID(),
          type: 'eu_vat',
          value: `DE${100_000_000 + n}`,
        });
        if (added?.id) user.taxIds.push(added.id);
      } else {
        writes++;
        await call(user.authorization, 'mutation', 'billing.taxIds.remove', {
          idempotencyKey: randomUUID(),
          taxIdId: user.taxIds.shift(),
        });
      }
      // A person clicks, reads, clicks: about two requests a second each (the SPA batches its reads).
      await new Promise((r) => setTimeout(r, 250 + Math.random() * 500));
    }
  };

  // Warm up (JIT, caches, pools), then measure the heap as the baseline.
  await Promise.all(users.map((u) => worker(u, Date.now() + 3000)));
  latencies.length = 0;
  const heapStart = heapMb();
  const started = Date.now();
  await Promise.all(users.map((u) => worker(u, started + SECONDS * 1000)));
  const elapsed = (Date.now() - started) / 1000;
  const heapEnd = heapMb();
  await app.close();

  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  const growth = heapEnd - heapStart;
  const summary = `[soak] ${CUSTOMERS} customers for ${elapsed.toFixed(0)} s: ${requests} requests (${writes} writes), ${(latencies.length / elapsed).toFixed(0)} req/s, p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${pct(100).toFixed(0)} ms, errors ${errors.length}, heap ${heapStart.toFixed(0)} → ${heapEnd.toFixed(0)} MB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)} MB)${gc ? '' : ' (no --expose-gc: heap figures are rough)'}`;
  console.log(summary);
  const failures = [
    errors.length > 0 && `errors: ${errors.slice(0, 5).join('; ')}`,
    pct(99) > P99_LIMIT_MS && `p99 above ${P99_LIMIT_MS} ms`,
    growth > HEAP_LIMIT_MB && `heap grew more than ${HEAP_LIMIT_MB} MB`,
  ].filter(Boolean);
  if (failures.length) {
    console.error(`soak failed: ${failures.join('; ')}`);
    process.exit(1);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
