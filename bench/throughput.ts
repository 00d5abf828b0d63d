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
export async function hammer(
  url: string,
  headers: Record<string, string>,
  seconds: number,
  server?: { cpuMs(): number },
): Promise<Throughput> {
  if (!url.startsWith('http://127.0.0.1:')) throw new Error('the bench only sends load to loopback');
  const cpuBefore = server?.cpuMs();
  const result = await autocannon({ url, connections: 16, pipelining: 1, duration: seconds, headers });
  const cpuMs = server && cpuBefore !== undefined ? server.cpuMs() - cpuBefore : null;
  return {
    serverCpuUsPerRequest:
      cpuMs === null || result.requests.total === 0 ? null : Math.round((cpuMs * 1000) / result.requests.total),
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

/**
 * Loads each target in turn, in rounds, rotating which goes first every round, so a drift of the
 * machine within a round does not always favour one. This VM's speed drifts by up to 2x over
 * minutes: one long run per target would compare different machines, interleaved short rounds
 * see the same drift on every target. Returns each round's measurements, in target order.
 */
export async function alternate(
  targets: LoadTarget[],
  rounds: number,
  seconds: number,
  onRound?: (round: Throughput[]) => void,
): Promise<Throughput[][]> {
  const results: Throughput[][] = [];
  for (let i = 0; i < Math.max(1, rounds); i++) {
    const round: Throughput[] = [];
    for (let k = 0; k < targets.length; k++) {
      const index = (i + k) % targets.length;
      const target = targets[index]!;
      round[index] = await hammer(target.url, target.headers ?? {}, seconds, target.server);
    }
    results.push(round);
    onRound?.(round);
  }
  return results;
}

/** Target `of` ÷ target `to` in req/s: the median over rounds, that round's figures, and every round's ratio. */
export function medianRatio(rounds: Throughput[][], of: number, to: number) {
  const ratios = rounds.map((round) => throughputRatio(round[of]!, round[to]!));
  const order = ratios.map((ratio, index) => ({ ratio, index })).sort((x, y) => x.ratio - y.ratio);
  const median = order[Math.floor((order.length - 1) / 2)]!;
  return { ratio: median.ratio, of: rounds[median.index]![of]!, to: rounds[median.index]![to]!, ratios };
}
