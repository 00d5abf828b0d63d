import Fastify from 'fastify';
import { readFileSync } from 'node:fs';
import { benchEnv } from './env';

// The throughput reference: Fastify's own floor for a small JSON answer on this machine.
const app = Fastify({ logger: false });
const body = { customer: { id: 'cus_bench', name: 'Bench', email: 'bench@example.com' }, subscriptions: [], creditBalance: null };
app.get('/healthz', async () => ({ ok: true }));
app.get('/json', async () => body);
// The second reference: the same floor for the very JSON the portal answers the overview with
// (the bench hands it over in a file), so the payload's own cost on the wire is on both sides.
if (benchEnv.bareBodyFile) {
  const sameBody: unknown = JSON.parse(readFileSync(benchEnv.bareBodyFile, 'utf8'));
  app.get('/same-body', async () => sameBody);
}
await app.listen({ port: benchEnv.barePort, host: '127.0.0.1' });
