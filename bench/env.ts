/** The bench's knobs, read once (the lint rule keeps `process.env` in env modules). */
const int = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return value && Number.isFinite(n) && n >= 0 ? Math.floor(n) : fallback;
};

export const benchEnv = {
  /** Emulated Stripe round trip L, in ms. */
  latencyMs: int(process.env.BENCH_LATENCY_MS, 150),
  coldSamples: int(process.env.BENCH_COLD_SAMPLES, 30),
  warmSamples: int(process.env.BENCH_WARM_SAMPLES, 300),
  /** Bare Fastify and the portal are loaded in alternating rounds of this many seconds each. */
  throughputRounds: int(process.env.BENCH_THROUGHPUT_ROUNDS, 5),
  throughputSeconds: int(process.env.BENCH_THROUGHPUT_SECONDS, 4),
  webhookEvents: int(process.env.BENCH_WEBHOOK_EVENTS, 1000),
  cachedCustomers: int(process.env.BENCH_CACHED_CUSTOMERS, 10_000),
  postgresUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  /** Set by the bench for its bare-Fastify child. */
  barePort: int(process.env.BENCH_BARE_PORT, 0),
  chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  /** The child server inherits the environment, minus anything that would point it at real Stripe. */
  childEnv: Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith('STRIPE_') && k !== 'DATABASE_URL'),
  ),
};
