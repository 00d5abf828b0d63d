/**
 * Only the phone first-visit figure of `pnpm bench`, for iterating on the first screen:
 * `node --import tsx bench/first-visit-only.ts [runs] [--waterfall] [--dist=DIR]`
 * (`--waterfall` prints the last run's requests: what started when, and what waited on what;
 * `--dist=DIR` serves an SPA built beforehand, e.g. another commit's, so that two builds can be
 * measured in alternation in the same minutes on a VM whose speed drifts). Same setup as the bench: the SPA built
 * for production (precompressed), the real entry point in its own process, the emulator at
 * BENCH_LATENCY_MS.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSpa } from '../apps/web/spa-build';
import { startEmulator } from './emulator';
import { benchEnv } from './env';
import { CPU_SLOWDOWN, FAST_4G, firstVisitOnPhone } from './first-visit';
import { startPortal } from './portal-process';

const args = process.argv.slice(2);
const runs = Number(args.find((a) => !a.startsWith('--')) ?? 3);
const showWaterfall = args.includes('--waterfall');
const prebuilt = args.find((a) => a.startsWith('--dist='))?.slice('--dist='.length);
const work = mkdtempSync(path.join(tmpdir(), 'portal-first-visit-'));
const emulator = await startEmulator();
try {
  const webDist = prebuilt ? path.resolve(prebuilt) : path.join(work, 'web');
  if (!prebuilt) await buildSpa(webDist);
  await emulator.setLatency(benchEnv.latencyMs);
  const portal = await startPortal({ emulatorUrl: emulator.url, dataDir: path.join(work, 'data'), webDist });
  try {
    const result = await firstVisitOnPhone(portal.url, runs);
    const network = `${(FAST_4G.downloadThroughput * 8) / 2 ** 20} Mbit/s, ${FAST_4G.latency} ms`;
    console.log(
      `first visit at 390 px (${network}, ${CPU_SLOWDOWN}× CPU) → plan price: p50 ${result.p50} ms, p95 ${result.p95} ms, ${result.transferredKb} KB transferred (${result.samples} runs: ${result.runsMs.join(' ')})`,
    );
    if (showWaterfall) {
      const { priceMs, bootScriptMs, domContentLoadedMs } = result.waterfall;
      console.log(
        `last run: price at ${Math.round(priceMs)} ms, boot request sent at ${bootScriptMs} ms, DOMContentLoaded (entry run) at ${domContentLoadedMs} ms; requests, ms since navigation start: start → end  KB  url`,
      );
      for (const row of result.waterfall.requests)
        console.log(
          `${String(row.startMs).padStart(6)} → ${String(row.endMs).padStart(6)}  ${String(row.kb).padStart(6)}  ${row.url.slice(0, 110)}`,
        );
    }
  } finally {
    await portal.stop();
  }
} finally {
  await emulator.close();
  rmSync(work, { recursive: true, force: true });
}
