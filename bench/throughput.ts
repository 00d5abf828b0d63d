import autocannon from 'autocannon';

export interface Throughput {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** Server CPU (user + system) per request answered, in µs: less sensitive to a busy machine than req/s. */
  serverCpuUsPerRequest: number | null;
}

/** Portal ÷ bare Fastify, in requests per second (the figure the target is set on). */
export function throughputRatio(portal: Throughput, bare: Throughput): number {
  return Math.round((portal.requestsPerSecond / bare.requestsPerSecond) * 1000) / 1000;
}

/** Loopback only, fixed connection count and a bounded duration. */
export async function hammer(url: string, headers: Record<string, string>, seconds: number, server?: { cpuMs(): number }): Promise<Throughput> {
  if (!url.startsWith('http://127.0.0.1:')) throw new Error('the bench only sends load to loopback');
  const cpuBefore = server?.cpuMs();
  const result = await autocannon({ url, connections: 16, pipelining: 1, duration: seconds, headers });
  const cpuMs = server && cpuBefore !== undefined ? server.cpuMs() - cpuBefore : null;
  return {
    serverCpuUsPerRequest: cpuMs === null || result.requests.total === 0 ? null : Math.round((cpuMs * 1000) / result.requests.total),
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

/** One side of an alternation: where to send load, and the server whose CPU to read. */
export interface LoadTarget {
  url: string;
  headers?: Record<string, string>;
  server?: { cpuMs(): number };
}

export interface Alternation {
  /** Each round's [a, b] measurements. */
  rounds: Array<[Throughput, Throughput]>;
  /** Median over rounds of b ÷ a in requests per second. */
  ratio: number;
  /** The round whose ratio is the median: the figures reported next to it. */
  medianRound: [Throughput, Throughput];
}

/**
 * Loads a, then b, in alternating rounds (b first every other round) and takes the median ratio.
 * This VM's speed drifts by up to 2x over minutes, so one long run of each side compares two
 * different machines; interleaved short rounds see the same drift on both sides.
 */
export async function alternate(a: LoadTarget, b: LoadTarget, rounds: number, seconds: number, onRound?: (round: [Throughput, Throughput]) => void): Promise<Alternation> {
  const run = (t: LoadTarget) => hammer(t.url, t.headers ?? {}, seconds, t.server);
  const results: Array<[Throughput, Throughput]> = [];
  for (let i = 0; i < Math.max(1, rounds); i++) {
    let pair: [Throughput, Throughput];
    if (i % 2 === 0) {
      const first = await run(a);
      pair = [first, await run(b)];
    } else {
      const second = await run(b);
      pair = [await run(a), second];
    }
    results.push(pair);
    onRound?.(pair);
  }
  const ordered = [...results].sort((x, y) => throughputRatio(x[1], x[0]) - throughputRatio(y[1], y[0]));
  const medianRound = ordered[Math.floor((ordered.length - 1) / 2)]!;
  return { rounds: results, ratio: throughputRatio(medianRound[1], medianRound[0]), medianRound };
}
