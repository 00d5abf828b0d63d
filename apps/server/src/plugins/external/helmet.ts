import helmet from '@fastify/helmet';
import fp from 'fastify-plugin';
import { helmetOptions } from '../../security/response-headers';

export type HelmetPluginOptions = Parameters<typeof helmetOptions>[0];

/** @fastify/helmet with the page headers (CSP with the SPA's inline-script hashes, HSTS over https). */
export default fp<HelmetPluginOptions>(async (app, opts) => app.register(helmet, helmetOptions(opts)), {
  name: 'helmet-headers',
});
