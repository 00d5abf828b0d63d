// `pnpm mirror:backfill`: mirrors every customer linked to a portal user (issue 19), at the Stripe
// request budget every instance shares, so the portal keeps serving (and goes first) meanwhile.
// Resumable: run it again after a crash or Ctrl-C and it continues with the customers not yet
// fresh. Reads the server's own configuration (DATABASE_URL, STRIPE_SECRET_KEY or STRIPE_API_BASE).
import { backfillMirror, createMirror, type BackfillProgress, type Logger } from '@portal/api';
import { createDb, stripeBudget } from '@portal/db';
import path from 'node:path';
import { parseEnv, syncRequestsPerSecond } from './env';
import { connectStripe } from './stripe-client';

const env = parseEnv();
if (env.mode === 'embedded' && !env.STRIPE_API_BASE) {
  console.error(
    'mirror:backfill needs the Stripe account the portal serves (STRIPE_SECRET_KEY, or STRIPE_API_BASE for an emulator).\n' +
      'The embedded demo needs none: each customer is mirrored on their first visit.',
  );
  process.exit(64);
}
const handle = env.DATABASE_URL
  ? await createDb({ kind: 'postgres', url: env.DATABASE_URL })
  : await createDb({ kind: 'pglite', dataDir: path.resolve(env.DATA_DIR, 'pglite') });
const connection = await connectStripe(env);
// The progress bar is the output; a failed sync is counted there, not logged line by line.
const log: Logger = { info() {}, warn() {}, error() {} };
const mirror = createMirror(
  { stripe: connection.stripe, log },
  { db: handle.db, budget: stripeBudget(handle.db, { perSecond: syncRequestsPerSecond(env) }) },
);
const stop = new AbortController();
process.once('SIGINT', () => stop.abort());

const seconds = (ms: number) =>
  ms >= 60_000
    ? `${Math.floor(ms / 60_000)}m${String(Math.round((ms % 60_000) / 1000)).padStart(2, '0')}s`
    : `${Math.round(ms / 1000)}s`;
function draw(p: BackfillProgress) {
  const width = 30;
  const share = p.total === 0 ? 1 : p.done / p.total;
  const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
  const eta = p.etaMs === null ? '' : ` · ETA ${seconds(p.etaMs)}`;
  const failed = p.failed > 0 ? ` · ${p.failed} failed` : '';
  process.stderr.write(`\r[${bar}] ${p.done}/${p.total} (${Math.round(share * 100)}%)${failed}${eta}   `);
}

const result = await backfillMirror(handle.db, mirror, { onProgress: draw, signal: stop.signal });
process.stderr.write('\n');
await mirror.close();
await connection.close();
await handle.close();
const took = seconds(Date.now() - result.startedAt);
if (stop.signal.aborted)
  console.log(`Stopped after ${took}: ${result.done}/${result.total} mirrored; run again to continue.`);
else
  console.log(
    `${result.done}/${result.total} customers mirrored in ${took}${result.failed ? `; ${result.failed} failed (synced on first visit)` : ''}.`,
  );
process.exit(result.failed > 0 ? 1 : 0);
