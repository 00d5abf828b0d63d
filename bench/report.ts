import { cpus, totalmem } from 'node:os';
import type { BundleResult } from './bundle';
import type { FirstVisit } from './first-visit';
import type { MemoryResult } from './memory';
import type { OverviewResult } from './overview';
import type { Latency } from './stats';
import type { Throughput } from './throughput';
import { THROUGHPUT_FLOOR, type ThroughputResult } from './throughput-phase';
import type { WebhookResult } from './webhooks';

export interface BenchResults {
  at: string;
  machine: { cpu: string; cores: number; memoryGb: number; node: string; platform: string };
  latencyMs: number;
  overview?: OverviewResult;
  throughput?: ThroughputResult;
  webhooks?: { pglite: WebhookResult | { skipped: string }; postgres: WebhookResult | { skipped: string } };
  bundle?: BundleResult;
  browser?: Latency | { skipped: string };
  firstVisit?: FirstVisit;
  memory?: MemoryResult;
  errors: Record<string, string>;
}

export function machine(): BenchResults['machine'] {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

const inL = (value: number, latency: number) => (latency > 0 ? `${(value / latency).toFixed(2)} L` : '—');
const verdict = (ok: boolean | undefined) => (ok === undefined ? '—' : ok ? 'met' : 'MISSED');

/** The table printed at the end and pasted into bench/README.md: figure | measured | target | verdict. */
export function table(r: BenchResults): string {
  const rows: [string, string, string, string][] = [];
  const L = r.latencyMs;
  if (r.overview) {
    const { cold, warm } = r.overview;
    rows.push([
      'overview cold p50 / p95 / p99',
      `${cold.p50} / ${cold.p95} / ${cold.p99} ms (${inL(cold.p50, L)} / ${inL(cold.p95, L)} / ${inL(cold.p99, L)})`,
      '≤ 2.3 L at p50',
      verdict(cold.p50 <= 2.3 * L),
    ]);
    rows.push([
      'overview warm p50 / p95 / p99',
      `${warm.p50} / ${warm.p95} / ${warm.p99} ms (${inL(warm.p50, L)})`,
      '≤ 5 ms at p50',
      verdict(warm.p50 <= 5),
    ]);
    rows.push([
      'Stripe requests per overview, cold / warm',
      `${cold.stripeRequests} / ${warm.stripeRequests}`,
      'warm: 0',
      verdict(warm.stripeRequests === 0),
    ]);
  }
  if (r.throughput) {
    const t = r.throughput;
    const percent = (x: number) => `${(x * 100).toFixed(1)} %`;
    const rounds = (ratios: number[]) => ratios.map((x) => (x * 100).toFixed(0)).join(' / ');
    rows.push([
      'warm overview throughput (median round)',
      `${t.overview.requestsPerSecond} req/s vs bare Fastify ${t.bareFastify.requestsPerSecond} req/s = ${percent(t.ratio)} (rounds: ${rounds(t.roundRatios)} %)`,
      `floor ≥ ${percent(THROUGHPUT_FLOOR)}`,
      verdict(t.ratio >= THROUGHPUT_FLOOR),
    ]);
    const cpu = (x: Throughput) => (x.serverCpuUsPerRequest === null ? '?' : `${x.serverCpuUsPerRequest} µs`);
    rows.push(['server CPU per request: overview / bare', `${cpu(t.overview)} / ${cpu(t.bareFastify)}`, '—', '—']);
  }
  if (r.webhooks) {
    for (const [name, w] of Object.entries(r.webhooks)) {
      if ('skipped' in w) rows.push([`webhooks on ${name}`, `skipped: ${w.skipped}`, '≥ 500 ev/s', '—']);
      else
        rows.push([
          `webhooks on ${name}`,
          `${w.eventsPerSecond} events/s (${w.events} events × 2 deliveries, ${w.applied} applied, ${w.duplicates} duplicates)`,
          '≥ 500 ev/s, exactly once',
          verdict(w.eventsPerSecond >= 500 && w.exactlyOnce),
        ]);
    }
  }
  if (r.bundle) {
    const b = r.bundle;
    rows.push([
      'SPA initial JS / CSS (gzip)',
      `${b.initialJsGzipKb} KB / ${b.initialCssGzipKb} KB`,
      'JS ≤ 110 KB',
      verdict(b.initialJsGzipKb <= 110),
    ]);
    const lazy = Object.entries(b.lazyGzipKb)
      .map(([k, v]) => `${k} ${v} KB`)
      .join('; ');
    rows.push([
      'SPA lazy chunks (gzip)',
      lazy || 'none',
      'Stripe only on payment screens',
      verdict(
        Object.keys(b.lazyGzipKb).some((k) => k.startsWith('stripe')) && !b.initialFiles.some((f) => /stripe/i.test(f)),
      ),
    ]);
  }
  if (r.browser) {
    rows.push([
      'browser: navigation → plan card (warm)',
      'skipped' in r.browser
        ? `skipped: ${r.browser.skipped}`
        : `p50 ${r.browser.p50} ms, p95 ${r.browser.p95} ms (${r.browser.samples} runs)`,
      '—',
      '—',
    ]);
  }
  if (r.firstVisit) {
    const f = r.firstVisit;
    rows.push([
      'browser: first visit, 390 px, Fast 4G, 4× CPU → plan price',
      `p50 ${f.p50} ms, p95 ${f.p95} ms (${f.samples} runs, ${f.transferredKb} KB transferred)`,
      '≤ 1200 ms',
      verdict(f.p50 <= 1200),
    ]);
  }
  if (r.memory) {
    const m = r.memory;
    rows.push([
      `server RSS, ${m.customers} customers cached (${m.database})`,
      `${m.rssAfterMb} MB (${m.rssBeforeMb} MB before caching)${m.note ? `; ${m.note}` : ''}`,
      '≤ 250 MB',
      verdict(m.rssAfterMb <= 250 && !m.note),
    ]);
  }
  for (const [phase, message] of Object.entries(r.errors)) rows.push([phase, `FAILED: ${message}`, '', '']);
  const head: [string, string, string, string] = ['figure', 'measured', 'target', 'verdict'];
  const all = [head, ...rows];
  const lines = all.map((row) => `| ${row.join(' | ')} |`);
  lines.splice(1, 0, '|---|---|---|---|');
  return [
    `L = ${L} ms; ${r.machine.cores} × ${r.machine.cpu}, ${r.machine.memoryGb} GB, Node ${r.machine.node}, ${r.at}`,
    '',
    ...lines,
  ].join('\n');
}
