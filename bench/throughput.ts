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
