import cors from '@fastify/cors';
import fp from 'fastify-plugin';

/**
 * @fastify/cors for host apps embedding the portal from another origin (CORS_ORIGINS). They
 * authenticate with a Bearer token, not cookies, so credentials stay off.
 */
export default fp<{ origins: string[] }>(
  async (app, { origins }) => app.register(cors, { origin: origins, credentials: false, maxAge: 600 }),
  {
    name: 'cors-origins',
  },
);
