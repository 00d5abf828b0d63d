import autocannon from 'autocannon';

export interface Throughput {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

/** Loopback only, fixed connection count and a bounded duration. */
export async function hammer(url: string, headers: Record<string, string>, seconds: number): Promise<Throughput> {
  if (!url.startsWith('http://127.0.0.1:')) throw new Error('the bench only sends load to loopback');
  const result = await autocannon({ url, connections: 16, pipelining: 1, duration: seconds, headers });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
