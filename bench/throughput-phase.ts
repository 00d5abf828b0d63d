import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pinApart, startBareFastify, type ChildServer } from './portal-process';
import { getOverview, OVERVIEW_PATH } from './session';
import { alternate, hammer, medianRatio, type Throughput } from './throughput';

export interface ThroughputResult {
  overview: Throughput;
  /** The reference the target is set on: a bare Fastify route answering a small JSON object. */
  bareFastify: Throughput;
  ratio: number;
  roundRatios: number[];
  /** A bare Fastify route answering the overview's own JSON: the payload's cost on both sides. */
  sameBody: { bytes: number; bare: Throughput; ratio: number; roundRatios: number[] };
}

/**
 * Figure 3: the warm overview against two bare Fastify routes (a small JSON object, and the
 * overview's own response body), in alternating rounds; ratios are the median round's.
 */
export async function measureThroughput(
  portal: ChildServer,
  cookie: string,
  workDir: string,
  opts: { rounds: number; seconds: number; pin?: boolean; onRound?: (round: Throughput[]) => void },
): Promise<ThroughputResult> {
  const body = String(await getOverview(portal.url, { cookie }));
  const bodyFile = path.join(workDir, 'overview-body.json');
  writeFileSync(bodyFile, body);
  const bare = await startBareFastify({ sameBodyFile: bodyFile });
  try {
    if (opts.pin) pinApart([bare, portal]);
    const targets = [
      { url: `${bare.url}/json`, server: bare },
      { url: `${bare.url}/same-body`, server: bare },
      { url: `${portal.url}${OVERVIEW_PATH}`, headers: { cookie }, server: portal },
    ];
    for (const target of targets) await hammer(target.url, target.headers ?? {}, 1);
    const rounds = await alternate(targets, opts.rounds, opts.seconds, opts.onRound);
    const small = medianRatio(rounds, 2, 0);
    const same = medianRatio(rounds, 2, 1);
    return {
      overview: small.of,
      bareFastify: small.to,
      ratio: small.ratio,
      roundRatios: small.ratios,
      sameBody: { bytes: Buffer.byteLength(body), bare: same.to, ratio: same.ratio, roundRatios: same.ratios },
    };
  } finally {
    await bare.stop();
  }
}
