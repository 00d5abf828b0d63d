import { startBareFastify, type ChildServer } from './portal-process';
import { OVERVIEW_PATH } from './session';
import { alternate, hammer, medianRatio, type Throughput } from './throughput';

export interface ThroughputResult {
  overview: Throughput;
  /** The reference the floor is set on: a bare Fastify route answering a small JSON object. */
  bareFastify: Throughput;
  ratio: number;
  roundRatios: number[];
}

/** The floor, not a target: warm-screen throughput stays at or above this share of a bare Fastify route. */
export const THROUGHPUT_FLOOR = 0.1;

/** Figure 3: the warm overview against a bare Fastify route, in alternating rounds; the ratio is the median round's. */
export async function measureThroughput(
  portal: ChildServer,
  cookie: string,
  opts: { rounds: number; seconds: number; onRound?: (round: Throughput[]) => void },
): Promise<ThroughputResult> {
  const bare = await startBareFastify();
  try {
    const targets = [
      { url: `${bare.url}/json`, server: bare },
      { url: `${portal.url}${OVERVIEW_PATH}`, headers: { cookie }, server: portal },
    ];
    for (const target of targets) await hammer(target.url, target.headers ?? {}, 1);
    const rounds = await alternate(targets, opts.rounds, opts.seconds, opts.onRound);
    const median = medianRatio(rounds, 1, 0);
    return { overview: median.of, bareFastify: median.to, ratio: median.ratio, roundRatios: median.ratios };
  } finally {
    await bare.stop();
  }
}
