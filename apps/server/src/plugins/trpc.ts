import { appRouter, resolveViewer, type Deps } from '@portal/api';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import type { AppRouter } from '@portal/api';
import fp from 'fastify-plugin';

/** Mounts the tRPC router at /trpc; the viewer is resolved from the verified session per request. */
export default fp<{ deps: Deps }>(
  async (app, { deps }) => {
    await app.register(fastifyTRPCPlugin, {
      prefix: '/trpc',
      trpcOptions: {
        router: appRouter,
        createContext: async ({ req, info }) => {
          // EventSource (the live-updates subscription) cannot send headers: a host app's token
          // then travels in the connection params instead.
          const fromParams = info.connectionParams?.authorization;
          const identity = (await app.auth.identify(req)) ?? (typeof fromParams === 'string' ? await app.auth.identifyToken(fromParams) : null);
          return { ...deps, viewer: await resolveViewer(deps, identity) };
        },
        onError: ({ error, path }) => {
          if (error.code === 'INTERNAL_SERVER_ERROR') app.log.error({ err: error.cause ?? error, path }, 'procedure failed');
        },
      } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
    });
  },
  { name: 'trpc', dependencies: ['auth'] },
);
