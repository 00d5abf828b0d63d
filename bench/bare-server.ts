import Fastify from 'fastify';
import { benchEnv } from './env';

// The throughput reference: Fastify's own floor for a small JSON answer on this machine.
const app = Fastify({ logger: false });
const body = {
  customer: { id: 'cus_bench', name: 'Bench', email: 'bench@example.com' },
  subscriptions: [],
  creditBalance: null,
};
app.get('/healthz', async () => ({ ok: true }));
app.get('/json', async () => body);
await app.listen({ port: benchEnv.barePort, host: '127.0.0.1' });
